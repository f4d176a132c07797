package io.releaseguard.engine.promotion;

import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.JsonReports;
import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.config.EnvironmentSpec;
import io.releaseguard.engine.config.ServiceSpec;
import io.releaseguard.engine.config.WebhookSpec.Event;
import io.releaseguard.engine.killswitch.KillSwitchState;
import io.releaseguard.engine.manifest.ReleaseManifest.ImageRetag;
import io.releaseguard.engine.manifest.ReleaseManifests;
import io.releaseguard.engine.plan.Planner;
import io.releaseguard.engine.promotion.PromotionResult.Outcome;
import io.releaseguard.engine.registry.ImageRegistry;
import io.releaseguard.engine.registry.OciNames;
import io.releaseguard.engine.registry.TagTemplate;
import io.releaseguard.engine.state.Deployment;
import io.releaseguard.engine.state.PendingPromotion;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The last step of a promotion: once every service is live and healthy, each service with an {@code image} gets the
 * environment's tags in the registry, so whatever pulls {@code team/api:mainnet} gets exactly what was promoted. Each
 * retag runs under its journaled key (a resumed promotion skips what is done and repeats what was in flight, which a
 * retag allows), and the instant behind {@code {timestamp}} is journaled once, so a resume makes the same tags. A
 * failed retag never rolls a healthy release back: it is audited and notified, and running the same promotion again
 * retries it. The kill switch is read right before each image's retag (whatever pulls the moved tag deploys it); an
 * engaged switch holds the retag like a failure, to be finished by running the promotion again once released.
 */
final class ImageRetags {
    static final String RETAGGED = "RETAGGED";
    static final String FAILED = "FAILED";

    private final PromotionContext ctx;
    private final PromotionRecords records;

    ImageRetags(PromotionContext ctx, PromotionRecords records) {
        this.ctx = ctx;
        this.records = records;
    }

    /** Retags every image of the promotion that is not retagged yet; one entry per image, in rollout order. */
    List<ImageRetag> run(PendingPromotion p, EnvironmentSpec env, PromotionJournal journal)
            throws ReleaseGuardException {
        List<ServiceSpec> services = Planner.retagged(ctx.config(), env);
        if (services.isEmpty()) {
            return List.of();
        }
        ImageRegistry registry = ctx.registry()
                .orElseThrow(() -> new ReleaseGuardException(
                        ExitCode.UNEXPECTED, "the policy names a registry, but no registry client was wired"));
        Instant healthyAt = healthyAt(p, journal);
        List<ImageRetag> out = new ArrayList<>();
        for (ServiceSpec s : services) {
            out.add(retag(registry, p, env, s, healthyAt, journal));
        }
        return out;
    }

    /** What went wrong, one {@code service: why} per failed image; empty when every image was retagged. */
    static Optional<String> failure(List<ImageRetag> images) {
        List<String> failed = images.stream()
                .filter(i -> !i.retagged())
                .map(i -> i.service() + ": " + i.detail())
                .toList();
        return failed.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", failed));
    }

    /** Audits and notifies a failed retag of a live release and says what to do. */
    PromotionResult failed(
            PendingPromotion p, List<GateResult> gates, Optional<String> manifest, Optional<String> review, String why)
            throws ReleaseGuardException {
        String message = p.release() + " is live in " + p.environment() + ", but retagging its images failed: " + why
                + "\nthe release stays live; run the same promote command again to retry the retag";
        records.audit(p, "promotion.retag", FAILED, why);
        records.notify(
                Event.FAILED,
                p,
                p.release() + " is live on " + p.environment() + ", but retagging its images failed",
                why + "; run the same promote command again to retry the retag");
        return new PromotionResult(
                p.id(), p.environment(), p.release(), Outcome.RETAG_FAILED, gates, message, manifest, review);
    }

    /**
     * For a release that is already live: retags, under the environment lock, what its promotion left undone (a
     * failed retag, or an image the policy gained since). Empty when there is nothing left to do.
     */
    Optional<PromotionResult> finish(Deployment live, EnvironmentSpec env) throws ReleaseGuardException {
        List<ServiceSpec> services = Planner.retagged(ctx.config(), env);
        Optional<PendingPromotion> promotion = ctx.state().promotions(Optional.of(env.name())).stream()
                .filter(x -> x.id().equals(live.promotionId()))
                .findFirst();
        if (services.isEmpty() || promotion.isEmpty()) {
            return Optional.empty();
        }
        PendingPromotion p = promotion.get();
        PromotionJournal journal = PromotionJournal.open(PromotionJournal.file(ctx.stateDir(), p.id()), ctx.clock());
        if (services.stream().allMatch(s -> journal.isDone(key(p, s)))) {
            return Optional.empty();
        }
        ctx.progress().accept(p.release() + " is live in " + env.name() + "; retagging what is left");
        List<ImageRetag> images;
        FencedState state = ctx.state() instanceof FencedState f ? f : new FencedState(ctx.state());
        try (FencedState.Held lock = state.lock(env.name(), p.id(), env.lockLease(), ctx.clock())) {
            images = run(
                    p,
                    env,
                    PromotionJournal.open(PromotionJournal.file(ctx.stateDir(), p.id()), ctx.clock(), lock.fence()));
        }
        Optional<String> why = failure(images);
        Optional<String> manifest = new ReleaseManifests(ctx.stateDir())
                .recordImages(
                        env.name(), p.release(), images, why.isPresent() ? Outcome.RETAG_FAILED.name() : "SUCCEEDED")
                .map(Object::toString);
        if (why.isPresent()) {
            return Optional.of(failed(p, List.of(), manifest, Optional.empty(), why.get()));
        }
        String message = p.release() + " is live in " + env.name() + "; its images are retagged now";
        records.audit(p, "promotion.retag", RETAGGED, message);
        return Optional.of(new PromotionResult(
                p.id(), env.name(), p.release(), Outcome.SUCCEEDED, List.of(), message, manifest, Optional.empty()));
    }

    private ImageRetag retag(
            ImageRegistry registry,
            PendingPromotion p,
            EnvironmentSpec env,
            ServiceSpec s,
            Instant healthyAt,
            PromotionJournal journal)
            throws ReleaseGuardException {
        StepKey key = key(p, s);
        Optional<PromotionJournal.Entry> previous = journal.state(key);
        if (previous.isPresent() && previous.get().status() == PromotionJournal.Status.DONE) {
            return parse(previous.get().detail());
        }
        String repository = s.image().orElseThrow();
        String source = OciNames.releaseTag(p.release());
        List<String> tags = new ArrayList<>();
        // Moving a tag that hosts may pull (":mainnet") is a production call too: the kill switch is read right before.
        KillSwitchState k = ctx.killSwitch().apply(env.name()).get();
        if (k.engaged()) {
            String why = "held by the kill switch (" + k.source() + ": " + k.reason() + ")";
            ctx.progress().accept(s.name() + ": retag " + why);
            records.audit(p, "registry.retag", FAILED, why);
            List<String> planned = new ArrayList<>();
            for (TagTemplate t : env.retag()) {
                try {
                    planned.add(t.expand(env.name(), p.release(), healthyAt));
                } catch (ReleaseGuardException e) {
                    // Reported when the retag really runs; a held retag lists the tags it can name.
                }
            }
            return new ImageRetag(
                    s.name(), registry.image(repository), source, null, null, planned, FAILED, now(), why);
        }
        journal.started(key);
        try {
            for (TagTemplate t : env.retag()) {
                tags.add(t.expand(env.name(), p.release(), healthyAt));
            }
            ImageRegistry.Retagged r = registry.retag(repository, source, tags);
            ImageRetag done = new ImageRetag(
                    s.name(), r.image(), source, r.digest(), r.mediaType(), r.tags(), RETAGGED, now(), null);
            journal.done(key, JsonReports.write(done));
            String what = r.image() + ":" + source + " (" + r.digest() + ") tagged " + String.join(", ", r.tags());
            ctx.progress().accept(s.name() + ": retagged " + what);
            records.audit(p, "registry.retag", RETAGGED, what);
            return done;
        } catch (ReleaseGuardException e) {
            journal.failed(key, e.getMessage());
            ctx.progress().accept(s.name() + ": RETAG FAILED: " + e.getMessage());
            records.audit(p, "registry.retag", FAILED, e.getMessage());
            return new ImageRetag(
                    s.name(), registry.image(repository), source, null, null, tags, FAILED, now(), e.getMessage());
        }
    }

    /** When every service was healthy: journaled the first time it is asked, so every resume tags the same. */
    private Instant healthyAt(PendingPromotion p, PromotionJournal journal) throws ReleaseGuardException {
        StepKey key = new StepKey(p.id(), "-", "", "retag-at");
        Optional<PromotionJournal.Entry> stored = journal.state(key);
        if (stored.isPresent()) {
            return Instant.parse(stored.get().detail());
        }
        Instant now = now();
        journal.done(key, now.toString());
        return now;
    }

    private static StepKey key(PendingPromotion p, ServiceSpec s) {
        return new StepKey(p.id(), s.name(), "", "retag");
    }

    private Instant now() {
        return ctx.clock().instant();
    }

    private static ImageRetag parse(String detail) throws ReleaseGuardException {
        try {
            return JsonReports.MAPPER.readValue(detail, ImageRetag.class);
        } catch (IOException e) {
            throw new ReleaseGuardException(
                    ExitCode.UNEXPECTED, "unreadable retag record in the promotion journal: " + e.getMessage(), e);
        }
    }
}
