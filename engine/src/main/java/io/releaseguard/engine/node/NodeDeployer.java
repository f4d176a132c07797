package io.releaseguard.engine.node;

import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.config.DeploySpec;
import io.releaseguard.engine.config.ServiceSpec;
import io.releaseguard.engine.deploy.BlueGreenDeployer;
import io.releaseguard.engine.deploy.DeployOutcome;
import io.releaseguard.engine.deploy.DeployRequest;
import io.releaseguard.engine.deploy.Deployer;
import io.releaseguard.engine.promotion.PromotionAdapters;
import io.releaseguard.engine.promotion.StepKey;
import java.io.Serializable;
import java.util.Optional;

/**
 * Deploys a service on the node: its deploy command runs there (locally in the policy's folder, or over SSH with the
 * node's {@code ssh} client and the step's {@code SSH_AUTH_SOCK}), its HTTP deploy call is sent from there. A
 * blue/green service is two of these, one per phase, so the promotion still health-checks between them.
 */
public final class NodeDeployer implements Deployer {
    private final NodeExecutor node;
    private final NodeSite site;
    private final String service;
    private final Phase phase;

    private NodeDeployer(NodeExecutor node, NodeSite site, String service, Phase phase) {
        this.node = node;
        this.site = site;
        this.service = service;
        this.phase = phase;
    }

    /** Which call of a service's deploy action a task makes. */
    enum Phase {
        DEPLOY,
        START
    }

    /** The deployer of {@code s}, with every call made on the node. */
    public static Deployer of(NodeExecutor node, NodeSite site, ServiceSpec s) {
        if (s.deploy().orElse(null) instanceof DeploySpec.BlueGreen) {
            return new BlueGreenDeployer(
                    new NodeDeployer(node, site, s.name(), Phase.START),
                    new NodeDeployer(node, site, s.name(), Phase.DEPLOY));
        }
        return new NodeDeployer(node, site, s.name(), Phase.DEPLOY);
    }

    @Override
    public DeployOutcome deploy(DeployRequest r) throws ReleaseGuardException {
        StepKey k = r.key();
        Outcome o = node.call(new Call(
                site,
                service,
                phase,
                r.environment(),
                r.service(),
                r.release(),
                r.tenant().orElse(null),
                k.promotion(),
                k.service(),
                k.tenant(),
                k.step()));
        return new DeployOutcome(o.succeeded(), o.detail());
    }

    /** One deploy call, sent to the node. */
    record Call(
            NodeSite site,
            String serviceName,
            Phase phase,
            String environment,
            String service,
            String release,
            String tenant,
            String keyPromotion,
            String keyService,
            String keyTenant,
            String keyStep)
            implements NodeTask<Outcome> {
        private static final long serialVersionUID = 1L;

        @Override
        public Outcome run() throws ReleaseGuardException {
            DeployRequest r = new DeployRequest(
                    environment,
                    service,
                    release,
                    Optional.ofNullable(tenant),
                    new StepKey(keyPromotion, keyService, keyTenant, keyStep));
            try (PromotionAdapters adapters = site.adapters()) {
                Deployer d = adapters.deployer(NodeSite.service(adapters, serviceName));
                DeployOutcome out =
                        phase == Phase.START && d instanceof BlueGreenDeployer bg ? bg.start(r) : d.deploy(r);
                return new Outcome(out.succeeded(), out.detail());
            }
        }
    }

    /** What the deploy reported. */
    record Outcome(boolean succeeded, String detail) implements Serializable {
        private static final long serialVersionUID = 1L;
    }
}
