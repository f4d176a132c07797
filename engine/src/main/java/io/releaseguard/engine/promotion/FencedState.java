package io.releaseguard.engine.promotion;

import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.audit.AuditEntry;
import io.releaseguard.engine.audit.AuditLog;
import io.releaseguard.engine.audit.AuditRecord;
import io.releaseguard.engine.audit.ForwardingAuditLog;
import io.releaseguard.engine.state.Deployment;
import io.releaseguard.engine.state.Fence;
import io.releaseguard.engine.state.ForwardingStateStore;
import io.releaseguard.engine.state.LeaseKeeper;
import io.releaseguard.engine.state.LockLease;
import io.releaseguard.engine.state.PendingPromotion;
import io.releaseguard.engine.state.StateStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The promoter's view of the state store: while this process holds an environment's lock, every deployment,
 * promotion and audit write about that environment first checks the lock's fence, so a run whose lease was taken
 * over stops before writing. Approvals are people's decisions, made outside any lock, and are never fenced.
 */
final class FencedState extends ForwardingStateStore {
    private final Map<String, Fence> fences = new ConcurrentHashMap<>();
    private final AuditLog audit;

    FencedState(StateStore delegate) {
        super(delegate);
        AuditLog log = delegate.audit();
        this.audit = new ForwardingAuditLog(log) {
            @Override
            public AuditRecord append(AuditEntry entry) throws ReleaseGuardException {
                fence(entry.environment()).check();
                return super.append(entry);
            }
        };
    }

    /** An environment lock held by this process, kept renewed; closing it stops fencing and releases the lock. */
    final class Held implements AutoCloseable {
        private final LeaseKeeper keeper;
        private boolean closed;

        private Held(LeaseKeeper keeper) {
            this.keeper = keeper;
        }

        Fence fence() {
            return keeper;
        }

        /** True once the lock was released (or closing it was attempted). */
        boolean closed() {
            return closed;
        }

        /**
         * Stops fencing and keeps the lock, its lease lasting past {@code until}: the promotion parks and comes back
         * then; closing afterwards does nothing.
         */
        void holdUntil(java.time.Instant until) throws ReleaseGuardException {
            if (closed) {
                return;
            }
            fences.remove(keeper.lease().environment(), keeper);
            closed = true;
            keeper.holdUntil(until);
        }

        /** Stops fencing and releases the lock; closing again does nothing. */
        @Override
        public void close() throws ReleaseGuardException {
            if (closed) {
                return;
            }
            fences.remove(keeper.lease().environment(), keeper);
            keeper.close();
            closed = true;
        }
    }

    /** Takes the environment's lock for {@code holder} and fences every write about it until the lock is closed. */
    Held lock(String environment, String holder, Duration lease, Clock clock) throws ReleaseGuardException {
        LockLease granted = delegate().locks().acquire(environment, holder, lease);
        LeaseKeeper keeper = LeaseKeeper.keep(delegate().locks(), granted, lease, clock);
        fences.put(environment, keeper);
        return new Held(keeper);
    }

    /** The fence of the environment's lock held here, or {@link Fence#NONE}. */
    Fence fence(String environment) {
        return environment == null ? Fence.NONE : fences.getOrDefault(environment, Fence.NONE);
    }

    @Override
    public void recordDeployment(Deployment deployment) throws ReleaseGuardException {
        fence(deployment.environment()).check();
        super.recordDeployment(deployment);
    }

    @Override
    public void savePromotion(PendingPromotion promotion) throws ReleaseGuardException {
        fence(promotion.environment()).check();
        super.savePromotion(promotion);
    }

    @Override
    public AuditLog audit() {
        return audit;
    }
}
