package io.releaseguard.engine.node;

import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.calendar.DeployCalendar;
import io.releaseguard.engine.calendar.HttpAndFileIcsFetcher;
import io.releaseguard.engine.calendar.IcsFetcher;
import io.releaseguard.engine.config.GitSpec;
import io.releaseguard.engine.config.ReleaseGuardConfig;
import io.releaseguard.engine.health.HealthGate;
import io.releaseguard.engine.promotion.OutboundHeaders;
import io.releaseguard.engine.promotion.PromotionContext;
import io.releaseguard.engine.promotion.Soaker;
import io.releaseguard.engine.registry.DistributionRegistry;
import io.releaseguard.engine.regression.HttpProviders;
import io.releaseguard.engine.regression.RegressionWatch;
import io.releaseguard.engine.snapshot.FileSnapshotStore;
import io.releaseguard.engine.snapshot.SnapshotService;
import io.releaseguard.engine.state.StateStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Wires a promotion that decides here and acts on the build's node. Here (the Jenkins controller) stay the state,
 * the journal, locks, approvals, audit and snapshot store, the calendar's decisions and the policy's rules; every
 * collaborator that touches a file the policy names, starts a process, opens SSH or talks to the network forwards
 * to {@code node}: deploys, health checks, build info, tenant lists, regression providers, the registry, kill
 * switches, webhooks, commit statuses, snapshot file bytes, restore commands, the SSH pre-flight, git and a
 * workspace policy's ICS calendars. An administrator's policy keeps its ICS calendars here, relative to {@code
 * controllerFiles}: the controller reads those itself.
 */
public final class NodeWiring {
    private NodeWiring() {}

    /**
     * The context for {@code policy} (its text; {@code config} is it as parsed here), with {@code site} telling the
     * node how to rebuild the adapters.
     */
    public static PromotionContext context(
            ReleaseGuardConfig config,
            NodeExecutor node,
            NodeSite site,
            StateStore state,
            Path stateDir,
            Clock clock,
            Soaker soaker,
            Consumer<String> progress)
            throws ReleaseGuardException {
        var env = site.environment();
        // The step's environment is known here: a header value that cannot be sent blocks before anything changes.
        OutboundHeaders.check(config, env);
        NodeProbe probe = new NodeProbe(node);
        HealthGate health = new HealthGate(probe, env, HealthGate.DEFAULT_CONCURRENCY, Duration.ofMillis(200));
        NodeTargets targets = new NodeTargets(node, site);
        return new PromotionContext(
                config,
                state,
                stateDir,
                clock,
                DeployCalendar.compile(config, icsFetcher(node, site)),
                health,
                new RegressionWatch(new HttpProviders(probe, env)),
                s -> NodeDeployer.of(node, site, s),
                health::tenants,
                e -> () -> NodeChecks.killSwitch(node, site, e),
                new NodeNotifier(node, site, config.webhooks()),
                soaker,
                Optional.of(new SnapshotService(new FileSnapshotStore(stateDir), targets, state, clock)),
                config.git().flatMap(GitSpec::pullRequests).map(f -> NodeChecks.commitStatuses(node, site)),
                config.registry().map(r -> new DistributionRegistry(r, env, probe)),
                progress,
                targets,
                NodeSources.authorship(node, site));
    }

    /**
     * Where the calendar's ICS sources are read: on the node for a workspace policy (its files and URLs are the
     * build's), here for an administrator's policy.
     */
    public static IcsFetcher icsFetcher(NodeExecutor node, NodeSite site) {
        return site.policy().confined()
                ? NodeSources.icsFetcher(node, site)
                : new HttpAndFileIcsFetcher(Duration.ofSeconds(10));
    }

    /**
     * Loads {@code policy} on the node, its files read and its confinement checked there: a workspace policy whose
     * file paths leave the workspace (a link included) fails with each key's file:line:col, before anything runs.
     */
    public static void checkOnNode(NodeExecutor node, NodePolicy policy) throws ReleaseGuardException {
        node.call(new LoadCall(policy));
    }

    /** Loads the policy on the node; only its success or its problems come back. */
    record LoadCall(NodePolicy policy) implements NodeTask<Boolean> {
        private static final long serialVersionUID = 1L;

        @Override
        public Boolean run() throws ReleaseGuardException {
            policy.load();
            return Boolean.TRUE;
        }
    }
}
