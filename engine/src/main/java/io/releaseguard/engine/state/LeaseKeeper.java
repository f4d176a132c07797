package io.releaseguard.engine.state;

import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.ReleaseGuardException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps a promotion's environment lock for as long as the promotion runs, and is its {@link Fence}. The rule: the
 * lease is renewed from a background thread every third of its length (so a deploy call, a soak or a canary wait
 * longer than the lease keeps it) and by {@link #check} whenever less than half of it is left; every check also
 * reads the lock's latest token. Once a renewal or a check finds the token taken over (the process was paused, say
 * by {@code SIGSTOP}, past its lease and another promotion took the lock), the keeper stays lost: every later check
 * throws {@link StaleLeaseException} and the lock is not released, since it belongs to someone else.
 */
public final class LeaseKeeper implements Fence, AutoCloseable {
    private final EnvironmentLocks locks;
    private final Duration length;
    private final Clock clock;
    private final ScheduledExecutorService heartbeat;
    private LockLease lease;
    private String lost;

    private LeaseKeeper(EnvironmentLocks locks, LockLease lease, Duration length, Clock clock, boolean background) {
        this.locks = locks;
        this.lease = lease;
        this.length = length;
        this.clock = clock;
        if (background) {
            this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "release-guard-lease-" + lease.environment());
                t.setDaemon(true);
                return t;
            });
            long period = Math.max(50, length.toMillis() / 3);
            heartbeat.scheduleWithFixedDelay(this::heartbeat, period, period, TimeUnit.MILLISECONDS);
        } else {
            this.heartbeat = null;
        }
    }

    /** Keeps {@code lease} (just acquired, {@code length} long) renewed in the background until closed. */
    public static LeaseKeeper keep(EnvironmentLocks locks, LockLease lease, Duration length, Clock clock) {
        return new LeaseKeeper(locks, lease, length, clock, true);
    }

    /** Like {@link #keep} without the background thread: renewed only by {@link #check} and {@link #renewIfDue}. */
    public static LeaseKeeper onDemand(EnvironmentLocks locks, LockLease lease, Duration length, Clock clock) {
        return new LeaseKeeper(locks, lease, length, clock, false);
    }

    @Override
    public synchronized long token() {
        return lease.token();
    }

    /** The lease as last granted or renewed. */
    public synchronized LockLease lease() {
        return lease;
    }

    @Override
    public synchronized void check() throws ReleaseGuardException {
        renewIfDue();
        try {
            locks.checkFence(lease.environment(), lease.token());
        } catch (StaleLeaseException e) {
            lost = e.getMessage();
        }
        failIfLost();
    }

    /**
     * Renews the lease when less than half of it is left. A lapsed lease nobody took over is renewed (its token is
     * still the latest); one taken over marks this keeper lost. An I/O failure is only fatal once the lease is over.
     */
    public synchronized void renewIfDue() throws ReleaseGuardException {
        if (lost != null) {
            return;
        }
        Instant now = clock.instant();
        if (Duration.between(now, lease.expiresAt()).compareTo(length.dividedBy(2)) > 0) {
            return;
        }
        try {
            lease = locks.renew(lease, length);
        } catch (StaleLeaseException e) {
            lost = e.getMessage();
        } catch (ReleaseGuardException e) {
            if (lease.expiredAt(now)) {
                throw new ReleaseGuardException(
                        ExitCode.UNEXPECTED,
                        "environment " + lease.environment() + ": the lock's lease ran out at " + lease.expiresAt()
                                + " and could not be renewed: " + e.getMessage(),
                        e);
            }
        }
    }

    private void failIfLost() throws StaleLeaseException {
        if (lost != null) {
            throw new StaleLeaseException(
                    lost + "; this promotion stopped before its next production call or state write");
        }
    }

    private void heartbeat() {
        try {
            renewIfDue();
        } catch (ReleaseGuardException | RuntimeException e) {
            // The next check() on the promotion's thread meets the same failure and reports it there.
        }
    }

    /**
     * Stops renewing and leaves the lock held with a lease that lasts until {@code until} plus one lease length, so a
     * promotion that parks (a soak waited out with no thread) keeps its environment exclusive until it comes back;
     * the next attempt takes the lock again with a new token. A lock lost to another holder is left alone and
     * reported.
     */
    public void holdUntil(Instant until) throws ReleaseGuardException {
        if (heartbeat != null) {
            heartbeat.shutdownNow();
        }
        synchronized (this) {
            failIfLost();
            Duration left = Duration.between(clock.instant(), until);
            Duration lease = (left.isNegative() ? Duration.ZERO : left).plus(length);
            try {
                this.lease = locks.renew(this.lease, lease);
            } catch (StaleLeaseException e) {
                lost = e.getMessage();
                failIfLost();
            }
        }
    }

    /** Stops renewing and releases the lock, unless it was lost to another holder. */
    @Override
    public void close() throws ReleaseGuardException {
        if (heartbeat != null) {
            heartbeat.shutdownNow();
        }
        LockLease held;
        synchronized (this) {
            if (lost != null) {
                return;
            }
            held = lease;
        }
        locks.release(held);
    }
}
