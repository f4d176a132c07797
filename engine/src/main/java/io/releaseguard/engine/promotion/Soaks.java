package io.releaseguard.engine.promotion;

import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.state.PendingPromotion;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A promotion's waits, measured against the clock from a journaled end: a resumed attempt waits only what is left,
 * and one woken early waits again. A wait the context's {@link Soaker} parks is not waited here; its end is handed
 * back so the promotion stops (outcome WAITING) and the front promotes again then.
 */
final class Soaks {
    private Soaks() {}

    /**
     * Waits {@code length} from the first time this step is reached (its end journaled under {@code key}); empty
     * once the wait is over, or the instant to come back at when it is parked.
     */
    static Optional<Instant> once(PromotionContext ctx, PromotionJournal journal, StepKey key, Duration length)
            throws ReleaseGuardException {
        Optional<PromotionJournal.Entry> set =
                journal.state(key).filter(e -> e.status() == PromotionJournal.Status.DONE);
        Instant until;
        if (set.isPresent()) {
            until = Instant.parse(set.get().detail());
        } else {
            until = ctx.clock().instant().plus(length);
            journal.done(key, until.toString());
        }
        return until(ctx, until);
    }

    /** Waits until {@code until}; empty once it has passed, or {@code until} itself when the soaker parks the wait. */
    static Optional<Instant> until(PromotionContext ctx, Instant until) throws ReleaseGuardException {
        Duration left = Duration.between(ctx.clock().instant(), until);
        if (left.isNegative() || left.isZero()) {
            return Optional.empty();
        }
        if (ctx.soaker().parks(left)) {
            return Optional.of(until);
        }
        try {
            ctx.soaker().soak(left);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReleaseGuardException(ExitCode.UNEXPECTED, "interrupted while soaking", e);
        }
        return Optional.empty();
    }

    /**
     * A soak the soaker parked: the promotion stays DEPLOYING with its journal, the lock is released as this attempt
     * returns (a lease cannot be renewed without a thread), and the next attempt re-acquires it and waits what is left.
     */
    static PromotionResult waiting(
            PromotionRecords records,
            PendingPromotion p,
            ServiceRollout.Result r,
            java.util.List<GateResult> decided,
            Optional<String> review)
            throws ReleaseGuardException {
        Instant until = r.waitingUntil().orElseThrow();
        String message = "promotion " + p.id() + " waits until " + until + " (" + r.service()
                + " is soaking); it keeps the environment's lock (its lease lasts past then) and holds no thread"
                + " meanwhile: promote it again then to continue";
        records.audit(p, "promotion.wait", "WAITING", message);
        return new PromotionResult(
                p.id(),
                p.environment(),
                p.release(),
                PromotionResult.Outcome.WAITING,
                decided,
                message,
                Optional.empty(),
                review,
                Optional.of(until));
    }
}
