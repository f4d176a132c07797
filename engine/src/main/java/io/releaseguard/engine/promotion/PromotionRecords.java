package io.releaseguard.engine.promotion;

import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.approval.Approvals;
import io.releaseguard.engine.approval.DecisionEvidence;
import io.releaseguard.engine.audit.AuditAnchor;
import io.releaseguard.engine.audit.AuditEntry;
import io.releaseguard.engine.calendar.EmergencyOverride;
import io.releaseguard.engine.config.ServiceSpec;
import io.releaseguard.engine.config.WebhookSpec.Event;
import io.releaseguard.engine.manifest.ReleaseManifest;
import io.releaseguard.engine.manifest.ReleaseManifests;
import io.releaseguard.engine.notify.Notifier;
import io.releaseguard.engine.notify.WebhookNotifier;
import io.releaseguard.engine.pir.Incident;
import io.releaseguard.engine.pir.PostIncidentReviews;
import io.releaseguard.engine.regression.FileFollowupStore;
import io.releaseguard.engine.regression.Followup;
import io.releaseguard.engine.state.ApprovalRecord;
import io.releaseguard.engine.state.Deployment;
import io.releaseguard.engine.state.PendingPromotion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a promotion leaves behind: an audit record for every decision, notifications, the release manifest,
 * follow-up checkpoints and post-incident review drafts. Delivery failures of notifications are audited, never
 * fatal.
 */
final class PromotionRecords {
    private final PromotionContext ctx;

    PromotionRecords(PromotionContext ctx) {
        this.ctx = ctx;
    }

    void audit(PendingPromotion p, String action, String verdict, String reason) throws ReleaseGuardException {
        ctx.state()
                .audit()
                .append(new AuditEntry(
                        p.requestedBy(),
                        action,
                        p.environment(),
                        p.id(),
                        verdict,
                        reason,
                        Map.of("release", p.release(), "artifactDigest", p.artifactDigest())));
    }

    void auditGates(PendingPromotion p, List<GateResult> gates) throws ReleaseGuardException {
        for (GateResult g : gates) {
            audit(
                    p,
                    "gate." + g.gate().toLowerCase(java.util.Locale.ROOT),
                    g.verdict().name(),
                    g.message());
        }
    }

    void notify(Event event, PendingPromotion p, String title, String text) throws ReleaseGuardException {
        Notifier notifier = ctx.notifier();
        for (WebhookNotifier.Delivery d : notifier.send(
                Promoter.notification(event, p, title, text, ctx.clock().instant()))) {
            audit(
                    p,
                    "notify." + event.name().toLowerCase(java.util.Locale.ROOT),
                    d.delivered() ? "SENT" : "NOT_SENT",
                    d.webhook() + " " + d.target() + ": " + d.detail());
        }
    }

    Optional<String> emergencyReview(
            PromotionJournal journal, PendingPromotion p, List<GateResult> gates, EmergencyOverride emergency)
            throws ReleaseGuardException {
        StepKey key = new StepKey(p.id(), "-", "", "emergency-review");
        Optional<PromotionJournal.Entry> done = journal.state(key);
        if (done.isPresent()) {
            return Optional.of(done.get().detail());
        }
        Instant now = ctx.clock().instant();
        List<String> bypassed = gates.stream()
                .filter(g -> g.verdict() == GateResult.Verdict.OVERRIDDEN)
                .map(GateResult::describe)
                .toList();
        audit(
                p,
                "emergency.override",
                "OVERRIDDEN",
                emergency.reason().orElse("(no reason required)") + "; bypassed: " + String.join("; ", bypassed));
        String id = new PostIncidentReviews(ctx.stateDir(), ctx.clock())
                .draft(new Incident(
                        Incident.Kind.EMERGENCY_OVERRIDE,
                        p.environment(),
                        "all",
                        p.release(),
                        "release " + p.release(),
                        now,
                        List.of(new Incident.Event(
                                now,
                                p.requestedBy() + " promoted " + p.release() + " as an emergency: "
                                        + emergency.reason().orElse(""))),
                        bypassed))
                .id();
        journal.done(key, id);
        return Optional.of(id);
    }

    String rollbackReview(
            PendingPromotion p,
            ServiceSpec service,
            String failure,
            ServiceRollback.Result rb,
            Optional<String> previous)
            throws ReleaseGuardException {
        Instant now = ctx.clock().instant();
        List<Incident.Event> timeline = List.of(
                new Incident.Event(
                        p.createdAt(), p.requestedBy() + " requested " + p.release() + " to " + p.environment()),
                new Incident.Event(now, failure),
                new Incident.Event(now, (rb.rolledBack() ? "rolled back: " : "rollback FAILED: ") + rb.detail()));
        return new PostIncidentReviews(ctx.stateDir(), ctx.clock())
                .draft(new Incident(
                        Incident.Kind.ROLLBACK,
                        p.environment(),
                        service.name(),
                        p.release(),
                        "release " + p.release()
                                + previous.map(v -> " (replacing " + v + ")").orElse(""),
                        now,
                        timeline,
                        List.of("automatic "
                                + rb.kind().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " rollback of "
                                + service.name())))
                .id();
    }

    String manifest(
            PendingPromotion p,
            Deployment d,
            List<ServiceRollout.Result> runs,
            List<GateResult> gates,
            EmergencyOverride emergency,
            List<ReleaseManifest.RollbackRef> rollbacks,
            PromotionJournal journal,
            String verdict,
            List<ReleaseManifest.ImageRetag> images)
            throws ReleaseGuardException {
        List<ReleaseManifest.ServiceRun> services = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            ServiceRollout.Result r = runs.get(i);
            services.add(new ReleaseManifest.ServiceRun(
                    r.service(),
                    i + 1,
                    r.start(),
                    r.end(),
                    r.ok() ? (r.warning().isPresent() ? "WARN" : "PASS") : "FAIL",
                    r.failure().or(r::warning).orElse("")));
        }
        List<ReleaseManifest.Approval> approvals = new ArrayList<>();
        if (ctx.config()
                .environment(p.environment())
                .flatMap(e -> e.approvals())
                .isPresent()) {
            for (DecisionEvidence.Backed b : new Approvals(ctx.config(), ctx.state(), ctx.clock())
                    .evidence(p.id())
                    .backed()) {
                ApprovalRecord a = b.decision();
                approvals.add(new ReleaseManifest.Approval(
                        a.userId(),
                        a.at(),
                        a.decision().name(),
                        a.comment(),
                        new AuditAnchor(b.record().seq(), b.record().hash())));
            }
        }
        Instant now = ctx.clock().instant();
        List<ReleaseManifest.GateDecision> gateDecisions = gates.stream()
                .map(g -> new ReleaseManifest.GateDecision(g.gate(), g.verdict().name(), g.message(), p.createdAt()))
                .toList();
        List<ReleaseManifest.Override> overrides = emergency.requested()
                ? List.of(new ReleaseManifest.Override(
                        p.requestedBy(),
                        now,
                        gates.stream()
                                .filter(g -> g.verdict() == GateResult.Verdict.OVERRIDDEN)
                                .map(GateResult::gate)
                                .toList(),
                        emergency.reason().orElse("")))
                : List.of();
        List<ReleaseManifest.Checkpoint> checkpoints = ctx.config().followups().stream()
                .map(o -> new ReleaseManifest.Checkpoint(d.end().plus(o), "SCHEDULED"))
                .toList();
        ReleaseManifest m = new ReleaseManifest(
                ReleaseManifest.SCHEMA_VERSION,
                p.release(),
                p.environment(),
                null,
                verdict,
                d.start(),
                d.end(),
                List.of(new ReleaseManifest.Artifact(p.release(), p.release(), contentDigest(p.artifactDigest()))),
                services,
                approvals,
                gateDecisions,
                overrides,
                journal.entries().values().stream()
                        .filter(e -> e.key().step().equals("snapshot") && e.status() == PromotionJournal.Status.DONE)
                        .map(e -> new ReleaseManifest.SnapshotRef(e.key().service(), e.detail(), d.start()))
                        .toList(),
                rollbacks,
                checkpoints,
                images,
                ctx.state().audit().head().orElse(null));
        return new ReleaseManifests(ctx.stateDir()).write(m).toString();
    }

    /**
     * The artifact digest as the manifest records it: a content digest ({@code sha256:<hex>}), or null for the
     * {@code tag:<release>} stand-in approvals are bound to when no digest was given.
     */
    private static String contentDigest(String artifactDigest) {
        return artifactDigest.matches("sha256:[0-9a-f]{64}") ? artifactDigest : null;
    }

    List<Followup> followups(Deployment d) throws ReleaseGuardException {
        return new FileFollowupStore(ctx.stateDir()).schedule(d, ctx.config().followups());
    }
}
