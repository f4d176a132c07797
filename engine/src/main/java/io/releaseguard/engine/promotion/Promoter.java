package io.releaseguard.engine.promotion;

import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.calendar.EmergencyOverride;
import io.releaseguard.engine.config.EnvironmentSpec;
import io.releaseguard.engine.config.ServiceSpec;
import io.releaseguard.engine.config.WebhookSpec.Event;
import io.releaseguard.engine.manifest.ReleaseManifest.ImageRetag;
import io.releaseguard.engine.notify.Notification;
import io.releaseguard.engine.promotion.PromotionResult.Outcome;
import io.releaseguard.engine.release.ReleaseName;
import io.releaseguard.engine.state.Deployment;
import io.releaseguard.engine.state.PendingPromotion;
import io.releaseguard.engine.state.PromotionStatus;
import io.releaseguard.engine.state.StateStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The product's main job: takes a release through every guardrail into one environment and leaves a complete
 * record. Gates are all evaluated and all reported; then, under the environment lock, services roll out one at a
 * time in the configured order, each followed by its guard window (the health gate and, when the environment has a
 * regression watch, the regression check after a soak); the first failure rolls that service back and stops. Every
 * production call is journaled under its idempotency key, so running the same promotion again after a crash resumes
 * where it stopped. When every service is healthy, images are retagged in the registry ({@link ImageRetags}); a
 * failed retag leaves the release live and is retried by running the promotion again.
 */
public final class Promoter {
    private final PromotionContext ctx;
    private final FencedState fenced;
    private final PromotionGates gates;
    private final PromotionRecords records;
    private final PromotionRequests requests;
    private final InterruptedPromotions interruptions;
    private final ImageRetags retags;

    public Promoter(PromotionContext context) {
        this.fenced = context.state() instanceof FencedState f ? f : new FencedState(context.state());
        this.ctx = context.withState(fenced);
        this.gates = new PromotionGates(ctx);
        this.records = new PromotionRecords(ctx);
        this.retags = new ImageRetags(ctx, records);
        this.interruptions = new InterruptedPromotions(ctx, fenced, records);
        this.requests = new PromotionRequests(ctx, gates, records, retags, ctx.authorship());
    }

    public PromotionResult promote(PromoteRequest req) throws ReleaseGuardException {
        ReleaseName release = ReleaseName.parse(req.release());
        EnvironmentSpec env = ctx.config()
                .environment(req.environment())
                .orElseThrow(() -> new ReleaseGuardException(
                        ExitCode.INVALID,
                        "unknown environment '"
                                + req.environment() + "' (defined: "
                                + String.join(", ", ctx.config().environmentNames())
                                + ")"));
        EmergencyOverride requested = req.emergencyReason().isPresent()
                ? EmergencyOverride.request(
                        req.emergencyReason().filter(r -> !r.isBlank()),
                        ctx.config().emergency())
                : EmergencyOverride.NONE;
        PromotionRequests.Admission admission = requests.admit(release.value(), env, req);
        if (admission.answer().isPresent()) {
            return admission.answer().get();
        }
        PendingPromotion p = admission.promotion().orElseThrow();
        if (p.status() == PromotionStatus.DEPLOYING) {
            Optional<PromotionResult> settled = interruptions.settle(p, env);
            if (settled.isPresent()) {
                return settled.get();
            }
        }
        PromotionJournal journal = PromotionJournal.open(PromotionJournal.file(ctx.stateDir(), p.id()), ctx.clock());
        EmergencyOverride emergency = emergency(requested, req, p, journal);
        List<GateResult> decided = p.status() == PromotionStatus.DEPLOYING
                ? gates.recheck(env.name(), emergency)
                : gates.preflight(
                        p,
                        PathDecision.decide(ctx.config(), release.value(), env.name(), ctx.state()),
                        emergency,
                        req.explicitRollback());
        records.auditGates(p, decided);
        List<GateResult> stopping = decided.stream().filter(GateResult::stops).toList();
        if (!stopping.isEmpty()) {
            if (stopping.stream().anyMatch(g -> g.gate().equals(GateResult.APPROVALS))) {
                once(
                        journal,
                        p,
                        "approval-requested",
                        () -> records.notify(
                                Event.APPROVAL_REQUESTED,
                                p,
                                "approval requested: " + p.release() + " to " + p.environment(),
                                "release-guard approve --promotion " + p.id() + " --as USER"));
            }
            return blocked(p, decided, stopping);
        }
        try (FencedState.Held lock = fenced.lock(env.name(), p.id(), env.lockLease(), ctx.clock())) {
            PromotionJournal locked =
                    PromotionJournal.open(PromotionJournal.file(ctx.stateDir(), p.id()), ctx.clock(), lock.fence());
            List<GateResult> all = new ArrayList<>(decided);
            List<GateResult> late = beforeFirstCall(p, locked, emergency);
            if (!late.isEmpty()) {
                records.auditGates(p, late);
                all.addAll(late);
                List<GateResult> stops = late.stream().filter(GateResult::stops).toList();
                if (!stops.isEmpty()) {
                    return blocked(p, all, stops);
                }
            }
            Optional<String> review = Optional.empty();
            if (emergency.requested()) {
                review = records.emergencyReview(locked, p, all, emergency);
            }
            return rollOut(p, env, locked, emergency, all, review, lock);
        }
    }

    /**
     * Checks made under the lock right before the promotion's first production call, none once a call was made: the
     * required commit statuses read again (a status can turn red while approvals are awaited), every SSH host the
     * promotion deploys to reached with its host key checked, and every fleet's tenant list read and its names checked. Nothing but the announcement and the pre-deploy
     * snapshot, which change nothing, lies between these checks and the call.
     */
    private List<GateResult> beforeFirstCall(
            PendingPromotion p, PromotionJournal journal, EmergencyOverride emergency) {
        if (journal.anyProductionCall()) {
            return List.of();
        }
        List<GateResult> checks = new ArrayList<>();
        gates.commitStatus(p, emergency)
                .map(g -> new GateResult(g.gate(), g.verdict(), "before the first deploy: " + g.message()))
                .ifPresent(checks::add);
        gates.sshHosts(p).ifPresent(checks::add);
        TenantPreflight.check(ctx, p).ifPresent(checks::add);
        return checks;
    }

    private static PromotionResult blocked(PendingPromotion p, List<GateResult> decided, List<GateResult> stopping) {
        String message = "promotion " + p.id() + " blocked:\n  "
                + String.join(
                        "\n  ", stopping.stream().map(GateResult::describe).toList());
        return new PromotionResult(
                p.id(),
                p.environment(),
                p.release(),
                Outcome.BLOCKED,
                decided,
                message,
                Optional.empty(),
                Optional.empty());
    }

    /**
     * The emergency override of this run: the request's, or the one a resumed promotion started with (kept in its
     * journal, so a crash does not turn an emergency into a normal promotion halfway through).
     */
    private EmergencyOverride emergency(
            EmergencyOverride requested, PromoteRequest req, PendingPromotion p, PromotionJournal journal)
            throws ReleaseGuardException {
        StepKey key = new StepKey(p.id(), "-", "", "emergency");
        Optional<PromotionJournal.Entry> stored = journal.state(key);
        if (requested.requested()) {
            if (stored.isEmpty()) {
                journal.done(key, req.emergencyReason().orElse(""));
            }
            return requested;
        }
        if (stored.isPresent() && p.status() == PromotionStatus.DEPLOYING) {
            return EmergencyOverride.request(
                    Optional.of(stored.get().detail()).filter(r -> !r.isBlank()),
                    ctx.config().emergency());
        }
        return EmergencyOverride.NONE;
    }

    private PromotionResult rollOut(
            PendingPromotion pending,
            EnvironmentSpec env,
            PromotionJournal journal,
            EmergencyOverride emergency,
            List<GateResult> decided,
            Optional<String> review,
            FencedState.Held lock)
            throws ReleaseGuardException {
        Optional<String> previous = ctx.state()
                .lastSuccessful(env.name())
                .filter(d -> !d.id().equals(pending.id()))
                .map(Deployment::release);
        PendingPromotion p = pending.withStatus(PromotionStatus.DEPLOYING);
        ctx.state().savePromotion(p);
        List<ServiceSpec> services = ctx.config().services().stream()
                .filter(s -> s.rollsOutTo(env.name()))
                .toList();
        once(
                journal,
                p,
                "announce",
                () -> records.notify(
                        Event.ANNOUNCED,
                        p,
                        "deploying " + p.release() + " to " + p.environment(),
                        "services in order: "
                                + String.join(
                                        ", ",
                                        services.stream().map(ServiceSpec::name).toList())));
        Deployment deployment = existingOrNew(p, services);
        ServiceRollout rollout = new ServiceRollout(
                ctx,
                gates,
                journal,
                p,
                deployment.id(),
                emergency,
                new RegressionGuard(ctx, journal, records, p, previous));
        List<ServiceRollout.Result> runs = new ArrayList<>();
        for (ServiceSpec service : services) {
            ctx.progress().accept("== " + service.name() + ": deploying " + p.release() + " to " + env.name());
            ServiceRollout.Result r = rollout.run(service);
            runs.add(r);
            if (r.haltedBy().isPresent()) {
                String message = "promotion " + p.id() + " halted before " + service.name() + " finished: "
                        + r.haltedBy().get().describe() + "; run the same command again to resume";
                records.audit(p, "promotion.halt", "HALTED", message);
                return new PromotionResult(
                        p.id(), env.name(), p.release(), Outcome.HALTED, decided, message, Optional.empty(), review);
            }
            if (r.waitingUntil().isPresent()) {
                PromotionResult waiting = Soaks.waiting(records, p, r, decided, review);
                lock.holdUntil(r.waitingUntil().get());
                return waiting;
            }
            if (r.failure().isPresent()) {
                return fail(p, env, journal, deployment, service, r, runs, previous, decided);
            }
            ctx.progress().accept(service.name() + ": done");
        }
        List<ImageRetag> images = retags.run(p, env, journal);
        Optional<String> retagFailure = ImageRetags.failure(images);
        Deployment finished = deployment.finish(ctx.clock().instant(), io.releaseguard.engine.state.Outcome.SUCCEEDED);
        String verdict = retagFailure.isPresent() ? Outcome.RETAG_FAILED.name() : "SUCCEEDED";
        String manifest = records.manifest(p, finished, runs, decided, emergency, List.of(), journal, verdict, images);
        List<String> warnings = runs.stream()
                .flatMap(r -> r.warning().stream())
                .map(w -> "warning: " + w)
                .toList();
        // From here on the release is live: each record is written once, and the promotion is marked DONE only after
        // the lock is released, so a write failing or a crash here leaves a DEPLOYING promotion whose next run
        // (the same promote, or resume) writes what is missing (InterruptedPromotions) instead of "nothing to do".
        ctx.state().recordDeployment(finished);
        interruptions.finishLive(
                p, finished, journal, lock, String.join("\n", join(services.size() + " service(s) healthy", warnings)));
        if (retagFailure.isPresent()) {
            return retags.failed(p, decided, Optional.of(manifest), review, retagFailure.get());
        }
        return new PromotionResult(
                p.id(),
                env.name(),
                p.release(),
                Outcome.SUCCEEDED,
                decided,
                String.join("\n", join(p.release() + " is live in " + env.name(), warnings)),
                Optional.of(manifest),
                review);
    }

    private PromotionResult fail(
            PendingPromotion p,
            EnvironmentSpec env,
            PromotionJournal journal,
            Deployment deployment,
            ServiceSpec service,
            ServiceRollout.Result r,
            List<ServiceRollout.Result> runs,
            Optional<String> previous,
            List<GateResult> decided)
            throws ReleaseGuardException {
        String failure = r.failure().orElseThrow();
        ctx.progress().accept(service.name() + ": " + failure);
        records.audit(p, "promotion.fail", "FAILED", failure);
        records.notify(Event.FAILED, p, p.release() + " failed on " + env.name(), failure);
        if (ctx.config().indexOf(env.name()) == ctx.config().environments().size() - 1) {
            records.notify(
                    Event.ONCALL_ROLLBACK, p, "on-call: rolling back " + service.name() + " on " + env.name(), failure);
        }
        ctx.progress()
                .accept(service.name() + ": rolling back"
                        + previous.map(v -> " to " + v).orElse(""));
        ServiceRollback.Result rb = new ServiceRollback(ctx, journal, p).run(service, previous, r.touchedTenants());
        records.audit(
                p,
                "rollback." + rb.kind().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
                rb.rolledBack() ? "ROLLED_BACK" : "ROLLBACK_FAILED",
                rb.detail());
        io.releaseguard.engine.state.Outcome outcome = rb.rolledBack()
                ? io.releaseguard.engine.state.Outcome.ROLLED_BACK
                : io.releaseguard.engine.state.Outcome.ROLLBACK_FAILED;
        Deployment finished = deployment.finish(ctx.clock().instant(), outcome);
        ctx.state().recordDeployment(finished);
        ctx.state().savePromotion(p.withStatus(PromotionStatus.DONE));
        String review = records.rollbackReview(p, service, failure, rb, previous);
        String manifest = records.manifest(
                p,
                finished,
                runs,
                decided,
                EmergencyOverride.NONE,
                List.of(new io.releaseguard.engine.manifest.ReleaseManifest.RollbackRef(
                        service.name(),
                        rb.kind(),
                        rb.rolledBack() ? "ROLLED_BACK" : "ROLLBACK_FAILED",
                        ctx.clock().instant(),
                        rb.detail())),
                journal,
                outcome.name(),
                List.of());
        records.notify(
                rb.rolledBack() ? Event.ROLLED_BACK : Event.FAILED,
                p,
                service.name() + " on " + env.name()
                        + (rb.rolledBack() ? " rolled back" : ": ROLLBACK FAILED, a human is needed"),
                rb.detail());
        String message = failure + "\n" + (rb.rolledBack() ? "rolled back: " : "ROLLBACK FAILED: ") + rb.detail();
        return new PromotionResult(
                p.id(),
                env.name(),
                p.release(),
                rb.rolledBack() ? Outcome.ROLLED_BACK : Outcome.ROLLBACK_FAILED,
                decided,
                message,
                Optional.of(manifest),
                Optional.of(review));
    }

    private Deployment existingOrNew(PendingPromotion p, List<ServiceSpec> services) throws ReleaseGuardException {
        Optional<Deployment> existing = ctx.state().deployments(p.environment()).stream()
                .filter(d -> d.id().equals(p.id()))
                .findFirst();
        if (existing.isPresent()) {
            return existing.get();
        }
        Deployment d = new Deployment(
                p.id(),
                p.environment(),
                p.release(),
                services.stream().map(ServiceSpec::name).toList(),
                ctx.clock().instant(),
                null,
                io.releaseguard.engine.state.Outcome.RUNNING,
                p.id());
        ctx.state().recordDeployment(d);
        return d;
    }

    /**
     * Promotions interrupted during their rollout (a crash, a kill, a halt), oldest first; {@code id} narrows the
     * list to that promotion. Promoting {@link PromoteRequest#resuming} each one finishes or rolls it back.
     */
    public static List<PendingPromotion> interrupted(StateStore state, Optional<String> id)
            throws ReleaseGuardException {
        return state.promotions(Optional.empty()).stream()
                .filter(p -> p.status() == PromotionStatus.DEPLOYING)
                .filter(p -> id.isEmpty() || p.id().equals(id.get()))
                .toList();
    }

    private static List<String> join(String first, List<String> rest) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(rest);
        return all;
    }

    /** Runs {@code action} once per promotion, even across resumes. */
    static void once(PromotionJournal journal, PendingPromotion p, String what, Action action)
            throws ReleaseGuardException {
        StepKey key = new StepKey(p.id(), "-", "", what);
        if (journal.state(key).isPresent()) {
            return;
        }
        action.run();
        journal.done(key, "");
    }

    @FunctionalInterface
    interface Action {
        void run() throws ReleaseGuardException;
    }

    static Map<String, String> facts(PendingPromotion p) {
        return Map.of("promotion", p.id(), "requested by", p.requestedBy());
    }

    static Notification notification(Event e, PendingPromotion p, String title, String text, java.time.Instant at) {
        return new Notification(e, p.environment(), p.release(), title, text, at, facts(p));
    }
}
