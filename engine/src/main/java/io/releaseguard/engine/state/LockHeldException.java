package io.releaseguard.engine.state;

import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.ReleaseGuardException;

/**
 * Refuses a promotion because another one holds the environment's lock and its lease has not expired. The message
 * shows who holds it, since when and when the lease runs out ({@link ExitCode#BLOCKED}).
 */
public final class LockHeldException extends ReleaseGuardException {
    private static final long serialVersionUID = 1L;

    private final transient LockLease held;

    public LockHeldException(LockLease held) {
        super(
                ExitCode.BLOCKED,
                "environment " + held.environment() + " is locked: held by " + held.holder() + " since " + held.since()
                        + " (lease expires " + held.expiresAt() + ")");
        this.held = held;
    }

    /** The lease that blocked the request. */
    public LockLease held() {
        return held;
    }
}
