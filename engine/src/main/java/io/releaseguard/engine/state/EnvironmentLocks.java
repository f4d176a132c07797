package io.releaseguard.engine.state;

import io.releaseguard.engine.ReleaseGuardException;
import java.time.Duration;
import java.util.Optional;

/**
 * One promotion at a time per environment. The rule: a lock is free when never taken, released or past its lease;
 * taking a free lock issues the next fencing token (strictly increasing per environment, for ever); the holder of a
 * live lease may acquire again (resuming after a crash) and gets a new token, which fences off the earlier run; anyone
 * else is refused.
 */
public interface EnvironmentLocks {

    /** Takes the lock (or takes it over from its own holder); throws {@link LockHeldException} while another holder's lease is live. */
    LockLease acquire(String environment, String holder, Duration lease) throws ReleaseGuardException;

    /**
     * Extends a lease to {@code lease} from now; throws {@link StaleLeaseException} if the lock was released or a
     * newer token was issued meanwhile (a lapsed lease nobody took over may still be renewed: its token is current).
     */
    LockLease renew(LockLease held, Duration lease) throws ReleaseGuardException;

    /** Frees the lock if {@code held} is still the current lease; otherwise does nothing (never frees another's). */
    void release(LockLease held) throws ReleaseGuardException;

    /** Throws {@link StaleLeaseException} unless {@code token} is the latest token issued for the environment. */
    void checkFence(String environment, long token) throws ReleaseGuardException;

    /** The live lease on the environment now, if any. */
    Optional<LockLease> current(String environment) throws ReleaseGuardException;
}
