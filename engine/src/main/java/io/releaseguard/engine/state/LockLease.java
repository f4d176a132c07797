package io.releaseguard.engine.state;

import java.time.Instant;
import java.util.Objects;

/**
 * A promotion's hold on an environment: valid until {@code expiresAt} unless renewed, and identified by a fencing
 * {@code token} that only grows per environment. Writers pass the token to {@link EnvironmentLocks#checkFence} before
 * acting, so a holder whose lease expired and was taken over cannot write any more.
 */
public record LockLease(String environment, String holder, long token, Instant since, Instant expiresAt) {

    public LockLease {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(holder, "holder");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** True when the lease no longer protects its holder at {@code now}. */
    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
