package io.releaseguard.engine.state;

import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.ReleaseGuardException;

/**
 * Stops a writer whose fencing token is no longer the environment's latest: its lease expired and someone else took
 * the lock, or it was released. The writer must stop without side effects ({@link ExitCode#BLOCKED}).
 */
public final class StaleLeaseException extends ReleaseGuardException {
    private static final long serialVersionUID = 1L;

    public StaleLeaseException(String message) {
        super(ExitCode.BLOCKED, message);
    }
}
