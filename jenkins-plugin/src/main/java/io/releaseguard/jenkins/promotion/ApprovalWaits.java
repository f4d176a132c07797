package io.releaseguard.jenkins.promotion;

import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.approval.ApprovalStatus;
import io.releaseguard.engine.state.Decision;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Where paused promotion steps wait for reviewers, with no thread per wait: a step parks on its promotion id, each
 * recorded decision is passed on, and once the engine's status leaves PENDING (approved or rejected) every step
 * parked there is settled exactly once and promotes again. Parking reads the status after registering, so a decision
 * recorded while a step was parking (or while the controller restarted) is never missed; {@link #recheckAll} reads it
 * again for every parked step, so a decision recorded outside Jenkins (with the CLI) is noticed too.
 */
public final class ApprovalWaits {
    private static final Logger LOGGER = Logger.getLogger(ApprovalWaits.class.getName());

    private final Map<String, Set<Parking>> parked = new ConcurrentHashMap<>();

    /** A paused promotion step. Both calls may come from any thread. */
    public interface Waiter {
        /** {@code userId}'s {@code decision} on the promotion was recorded; {@code status} is where it stands now. */
        void decided(String promotionId, String userId, Decision decision, ApprovalStatus status);

        /** The engine has settled the approvals (approved or rejected): promote again. Called at most once. */
        void settled();
    }

    /** Reads where a promotion's approvals stand. */
    @FunctionalInterface
    public interface StatusReader {
        ApprovalStatus status(String promotionId) throws ReleaseGuardException;
    }

    /** One waiter parked on one promotion. */
    public final class Parking {
        private final String promotionId;
        private final Waiter waiter;
        private final StatusReader status;
        private final AtomicBoolean open = new AtomicBoolean(true);

        /** The last recheck failure, so a read that keeps failing the same way is logged as a warning only once. */
        private volatile String failure;

        private Parking(String promotionId, Waiter waiter, StatusReader status) {
            this.promotionId = promotionId;
            this.waiter = waiter;
            this.status = status;
        }

        /** Stops waiting without settling: the step was stopped. */
        public void cancel() {
            if (open.compareAndSet(true, false)) {
                remove(this);
            }
        }

        /** Settles the waiter unless it was settled or cancelled before; whether this call settled it. */
        private boolean settle() {
            if (open.compareAndSet(true, false)) {
                remove(this);
                waiter.settled();
                return true;
            }
            return false;
        }

        /** Reads the engine's status and settles the waiter once it is no longer pending. */
        private boolean recheck() throws ReleaseGuardException {
            return status.status(promotionId).state() != ApprovalStatus.State.PENDING && settle();
        }
    }

    /**
     * Parks {@code waiter} on {@code promotionId}, then reads the status once: when it is already settled, the waiter
     * is settled before this returns. A failing read parks nothing.
     */
    public Parking park(String promotionId, Waiter waiter, StatusReader status) throws ReleaseGuardException {
        Parking p = new Parking(promotionId, waiter, status);
        parked.compute(promotionId, (id, set) -> {
            Set<Parking> s = set == null ? ConcurrentHashMap.newKeySet() : set;
            s.add(p);
            return s;
        });
        try {
            p.recheck();
        } catch (ReleaseGuardException | RuntimeException e) {
            p.cancel();
            throw e;
        }
        return p;
    }

    /**
     * Re-reads the status of every parked step with the reader it parked with and settles those the engine now says
     * are approved or rejected, each exactly once. A read that fails leaves that step parked for the next recheck and
     * does not stop the others. Returns how many steps this call settled.
     */
    public int recheckAll() {
        int settled = 0;
        for (Parking p : parked.values().stream().flatMap(Set::stream).toList()) {
            if (!p.open.get()) {
                continue;
            }
            try {
                if (p.recheck()) {
                    settled++;
                }
                p.failure = null;
            } catch (ReleaseGuardException | RuntimeException e) {
                logFailure(p, e);
            }
        }
        return settled;
    }

    /**
     * Engine messages are the ones the CLI and the approval page show users; anything else is a bug whose message
     * could hold anything, so only its type is logged as a warning and the stack trace only at FINE.
     */
    private static void logFailure(Parking p, Exception e) {
        String why = e instanceof ReleaseGuardException
                ? String.valueOf(e.getMessage())
                : e.getClass().getName();
        Level level = why.equals(p.failure) ? Level.FINE : Level.WARNING;
        p.failure = why;
        LOGGER.log(level, "cannot re-read the approvals of promotion {0}; it stays waiting: {1}", new Object[] {
            p.promotionId, why
        });
        if (!(e instanceof ReleaseGuardException)) {
            LOGGER.log(Level.FINE, "re-reading promotion " + p.promotionId, e);
        }
    }

    /**
     * Passes a decision the engine recorded to every step parked on the promotion and settles them when {@code
     * status} is no longer pending. Returns how many steps were waiting.
     */
    public int decided(String promotionId, String userId, Decision decision, ApprovalStatus status) {
        List<Parking> waiting = List.copyOf(parked.getOrDefault(promotionId, Set.of()));
        for (Parking p : waiting) {
            if (p.open.get()) {
                p.waiter.decided(promotionId, userId, decision, status);
            }
            if (status.state() != ApprovalStatus.State.PENDING) {
                p.settle();
            }
        }
        return waiting.size();
    }

    /** Whether any step is parked on {@code promotionId}. */
    public boolean isWaiting(String promotionId) {
        return parked.containsKey(promotionId);
    }

    private void remove(Parking p) {
        parked.computeIfPresent(p.promotionId, (id, set) -> {
            set.remove(p);
            return set.isEmpty() ? null : set;
        });
    }
}
