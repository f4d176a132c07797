package io.releaseguard.engine.deploy;

import io.releaseguard.engine.ReleaseGuardException;

/**
 * Blue/green as two production calls the engine makes with a health check between them: {@link #start} brings the
 * new version up beside the old one (a separate project) and {@link #deploy} switches traffic to the request's
 * release. A promotion switches only after the started version passed the service's health checks at its preview
 * URL, and rolls back by {@link #deploy deploying} (switching to) the previous release, which was never stopped.
 * {@code retire} is deliberately not part of it: retiring the old version would turn a rollback into a cold start.
 */
public final class BlueGreenDeployer implements Deployer {
    private final Deployer start;
    private final Deployer switchTraffic;

    public BlueGreenDeployer(Deployer start, Deployer switchTraffic) {
        this.start = start;
        this.switchTraffic = switchTraffic;
    }

    /** Starts the request's release beside the live one; no traffic moves. */
    public DeployOutcome start(DeployRequest r) throws ReleaseGuardException {
        return start.deploy(r);
    }

    /** Switches traffic to the request's release (started before, or the one a rollback returns to). */
    @Override
    public DeployOutcome deploy(DeployRequest r) throws ReleaseGuardException {
        return switchTraffic.deploy(r);
    }
}
