package io.releaseguard.engine.promotion;

import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.config.EnvironmentSpec;
import io.releaseguard.engine.config.WebhookSpec.Event;
import io.releaseguard.engine.promotion.PromotionResult.Outcome;
import io.releaseguard.engine.state.Deployment;
import io.releaseguard.engine.state.PendingPromotion;
import io.releaseguard.engine.state.PromotionStatus;
import io.releaseguard.engine.state.StaleLeaseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What becomes of a promotion found DEPLOYING when it is run again (the same promote, or resume), and how a live
 * release's records are finished. Three cases: its own deployment already SUCCEEDED (a crash or a failed write after
 * the deploy), so only the records an earlier run left out are written, and the lock is released (one that ended
 * rolled back is only marked done, never deployed again); another promotion
 * went live in the environment after this one started, so it is never resumed forward: it is marked SUPERSEDED,
 * audited, and nothing is deployed; otherwise the rollout resumes where it stopped.
 */
final class InterruptedPromotions {
    static final String SUPERSEDED = "SUPERSEDED";

    /** The records of a live release, in the order they are written, each once, and how the console names them. */
    private static final Map<String, String> LIVE_RECORDS = new LinkedHashMap<>();

    static {
        LIVE_RECORDS.put("followups", "the follow-up checkpoints");
        LIVE_RECORDS.put("live-audit", "the promotion.live audit record");
        LIVE_RECORDS.put("live-notify", "the live notification");
    }

    /** A deployment that ended in a rollback, and how a promotion result reports it. */
    private static final Map<io.releaseguard.engine.state.Outcome, Outcome> ROLLED_BACK = Map.of(
            io.releaseguard.engine.state.Outcome.ROLLED_BACK, Outcome.ROLLED_BACK,
            io.releaseguard.engine.state.Outcome.ROLLBACK_FAILED, Outcome.ROLLBACK_FAILED);

    private final PromotionContext ctx;
    private final FencedState state;
    private final PromotionRecords records;

    InterruptedPromotions(PromotionContext ctx, FencedState state, PromotionRecords records) {
        this.ctx = ctx;
        this.state = state;
        this.records = records;
    }

    /** The answer for an interrupted promotion that must not roll out again, or empty to resume its rollout. */
    Optional<PromotionResult> settle(PendingPromotion p, EnvironmentSpec env) throws ReleaseGuardException {
        List<Deployment> deployments = ctx.state().deployments(env.name());
        Optional<Deployment> own =
                deployments.stream().filter(d -> d.id().equals(p.id())).findFirst();
        if (own.isPresent() && own.get().outcome() == io.releaseguard.engine.state.Outcome.SUCCEEDED) {
            return Optional.of(completeLive(p, env, own.get()));
        }
        if (own.isPresent() && ROLLED_BACK.containsKey(own.get().outcome())) {
            return Optional.of(closeRolledBack(p, env, own.get()));
        }
        java.time.Instant started = own.map(Deployment::start).orElse(p.createdAt());
        Optional<Deployment> newer = deployments.stream()
                .filter(d -> !d.id().equals(p.id()))
                .filter(d -> d.outcome() == io.releaseguard.engine.state.Outcome.SUCCEEDED)
                .filter(d -> d.start().isAfter(started))
                .max(Comparator.comparing(Deployment::start));
        if (newer.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(supersede(p, env, own, newer.get(), started));
    }

    private PromotionResult supersede(
            PendingPromotion p,
            EnvironmentSpec env,
            Optional<Deployment> own,
            Deployment newer,
            java.time.Instant started)
            throws ReleaseGuardException {
        String why = "promotion " + p.id() + " (" + p.release() + ") was interrupted; since it started at " + started
                + ", promotion " + newer.promotionId() + " put " + newer.release() + " live in " + env.name()
                + (newer.end() == null ? "" : " at " + newer.end())
                + ", so it is not resumed and nothing was deployed; promote " + p.release()
                + " again to request it anew";
        try (FencedState.Held lock = state.lock(env.name(), p.id(), env.lockLease(), ctx.clock())) {
            if (own.isPresent()) {
                ctx.state()
                        .recordDeployment(own.get()
                                .finish(ctx.clock().instant(), io.releaseguard.engine.state.Outcome.SUPERSEDED));
            }
            records.audit(p, "promotion.superseded", SUPERSEDED, why);
            ctx.state().savePromotion(p.withStatus(PromotionStatus.SUPERSEDED));
        }
        ctx.progress().accept(p.id() + ": SUPERSEDED");
        GateResult gate = new GateResult(SUPERSEDED, GateResult.Verdict.BLOCKED, why);
        return new PromotionResult(
                p.id(),
                env.name(),
                p.release(),
                Outcome.BLOCKED,
                List.of(gate),
                "SUPERSEDED: " + why,
                Optional.empty(),
                Optional.empty());
    }

    /**
     * A promotion whose rollback was recorded but whose status DONE was not (a write failed after it): it is marked
     * DONE and answered with the recorded outcome, and the failing release is never deployed again.
     */
    private PromotionResult closeRolledBack(PendingPromotion p, EnvironmentSpec env, Deployment ended)
            throws ReleaseGuardException {
        try (FencedState.Held lock = state.lock(env.name(), p.id(), env.lockLease(), ctx.clock())) {
            ctx.state().savePromotion(p.withStatus(PromotionStatus.DONE));
        }
        return new PromotionResult(
                p.id(),
                env.name(),
                p.release(),
                ROLLED_BACK.get(ended.outcome()),
                List.of(),
                "promotion " + p.id() + " ended " + ended.outcome() + " in an earlier run"
                        + (ended.end() == null ? "" : " at " + ended.end())
                        + " (see the audit log); marked done now, nothing deployed again",
                Optional.empty(),
                Optional.empty());
    }

    /** Writes, under the lock, what a run that deployed the release did not get to record, and says what it was. */
    private PromotionResult completeLive(PendingPromotion p, EnvironmentSpec env, Deployment live)
            throws ReleaseGuardException {
        List<String> pending;
        try (FencedState.Held lock = state.lock(env.name(), p.id(), env.lockLease(), ctx.clock())) {
            PromotionJournal journal =
                    PromotionJournal.open(PromotionJournal.file(ctx.stateDir(), p.id()), ctx.clock(), lock.fence());
            pending = pending(p, journal, true);
            ctx.progress()
                    .accept(p.release() + " went live in " + env.name() + " in an earlier run of " + p.id()
                            + "; writing what it left pending: " + String.join(", ", pending));
            finishLive(p, live, journal, lock, "services healthy (recorded by an earlier run)");
        }
        return new PromotionResult(
                p.id(),
                env.name(),
                p.release(),
                Outcome.SUCCEEDED,
                List.of(),
                p.release() + " is live in " + env.name() + "; wrote what an earlier run left pending: "
                        + String.join(", ", pending),
                Optional.empty(),
                Optional.empty());
    }

    /**
     * The records of a release that went live, each written once, then the lock released and, last, the promotion
     * marked DONE. A failing write says which records are still pending and how they get written.
     */
    void finishLive(
            PendingPromotion p, Deployment live, PromotionJournal journal, FencedState.Held lock, String healthy)
            throws ReleaseGuardException {
        String env = p.environment();
        try {
            Promoter.once(journal, p, "followups", () -> records.followups(live));
            Promoter.once(
                    journal,
                    p,
                    "live-audit",
                    () -> records.audit(p, "promotion.live", "SUCCEEDED", p.release() + " is live in " + env));
            Promoter.once(
                    journal,
                    p,
                    "live-notify",
                    () -> records.notify(Event.LIVE, p, p.release() + " is live on " + env, healthy));
            lock.close();
            ctx.state().savePromotion(p.withStatus(PromotionStatus.DONE));
        } catch (StaleLeaseException e) {
            throw e;
        } catch (ReleaseGuardException e) {
            throw new ReleaseGuardException(
                    e.exitCode(),
                    e.getMessage() + "\n" + p.release() + " is live in " + env + ", but not recorded yet: "
                            + String.join(", ", pending(p, journal, !lock.closed()))
                            + "; run the same promote (or resume) again to write them",
                    e);
        }
    }

    private static List<String> pending(PendingPromotion p, PromotionJournal journal, boolean lockHeld) {
        List<String> out = new ArrayList<>();
        LIVE_RECORDS.forEach((step, name) -> {
            if (!journal.isDone(new StepKey(p.id(), "-", "", step))) {
                out.add(name);
            }
        });
        if (lockHeld) {
            out.add("the release of the " + p.environment() + " lock");
        }
        out.add("the promotion's status DONE");
        return out;
    }
}
