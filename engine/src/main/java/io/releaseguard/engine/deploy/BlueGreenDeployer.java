package io.releaseguard.engine.deploy;

import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.promotion.StepKey;

/**
 * Blue/green: {@code start} brings the new version up beside the old one (a separate project, which should exit
 * non-zero unless it came up healthy), then {@code switchTraffic} points traffic at it. When start fails nothing is
 * switched. {@code retire} is deliberately not run here: the old version stays up so that a rollback is a switch back,
 * not a cold start. Each phase gets its own idempotency key ({@code .../deploy-start}, {@code .../deploy-switch}).
 */
public final class BlueGreenDeployer implements Deployer {
    private final Deployer start;
    private final Deployer switchTraffic;

    public BlueGreenDeployer(Deployer start, Deployer switchTraffic) {
        this.start = start;
        this.switchTraffic = switchTraffic;
    }

    @Override
    public DeployOutcome deploy(DeployRequest r) throws ReleaseGuardException {
        DeployOutcome started = start.deploy(phase(r, "start"));
        if (!started.succeeded()) {
            return new DeployOutcome(false, "start failed, traffic not switched: " + started.detail());
        }
        DeployOutcome switched = switchTraffic.deploy(phase(r, "switch"));
        if (!switched.succeeded()) {
            return new DeployOutcome(
                    false, "started (" + started.detail() + ") but switching traffic failed: " + switched.detail());
        }
        return new DeployOutcome(
                true,
                "started: " + started.detail() + "; switched: " + switched.detail()
                        + "; previous version kept running for rollback");
    }

    private static DeployRequest phase(DeployRequest r, String phase) {
        StepKey k = r.key();
        return new DeployRequest(
                r.environment(),
                r.service(),
                r.release(),
                r.tenant(),
                new StepKey(k.promotion(), k.service(), k.tenant(), k.step() + "-" + phase));
    }
}
