package io.releaseguard.engine.deploy;

import io.releaseguard.engine.ReleaseGuardException;

/**
 * Port: performs one deploy call. Implementations pass the request's idempotency key to the receiver so that a
 * call repeated after a crash is recognised there, and never interpret release names as code.
 */
public interface Deployer {
    DeployOutcome deploy(DeployRequest request) throws ReleaseGuardException;
}
