package io.releaseguard.jenkins.promotion;

import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.approval.ApprovalStatus;
import io.releaseguard.engine.state.Decision;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Where paused promotion steps wait for reviewers, with no thread per wait: a step parks on its promotion id, each
 * recorded decision is passed on, and once the engine's status leaves PENDING (approved or rejected) every step
 * parked there is settled exactly once and promotes again. Parking reads the status after registering, so a decision
 * recorded while a step was parking (or while the controller restarted) is never missed.
 */
public final class ApprovalWaits {
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
        private final AtomicBoolean open = new AtomicBoolean(true);

        private Parking(String promotionId, Waiter waiter) {
            this.promotionId = promotionId;
            this.waiter = waiter;
        }

        /** Stops waiting without settling: the step was stopped. */
        public void cancel() {
            if (open.compareAndSet(true, false)) {
                remove(this);
            }
        }

        private void settle() {
            if (open.compareAndSet(true, false)) {
                remove(this);
                waiter.settled();
            }
        }
    }

    /**
     * Parks {@code waiter} on {@code promotionId}, then reads the status once: when it is already settled, the waiter
     * is settled before this returns. A failing read parks nothing.
     */
    public Parking park(String promotionId, Waiter waiter, StatusReader status) throws ReleaseGuardException {
        Parking p = new Parking(promotionId, waiter);
        parked.compute(promotionId, (id, set) -> {
            Set<Parking> s = set == null ? ConcurrentHashMap.newKeySet() : set;
            s.add(p);
            return s;
        });
        ApprovalStatus now;
        try {
            now = status.status(promotionId);
        } catch (ReleaseGuardException | RuntimeException e) {
            p.cancel();
            throw e;
        }
        if (now.state() != ApprovalStatus.State.PENDING) {
            p.settle();
        }
        return p;
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
