package io.releaseguard.engine.promotion;

import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.calendar.DeployCalendar;
import io.releaseguard.engine.config.ReleaseGuardConfig;
import io.releaseguard.engine.health.HealthGate;
import io.releaseguard.engine.registry.DistributionRegistry;
import io.releaseguard.engine.regression.HttpProviders;
import io.releaseguard.engine.regression.RegressionWatch;
import io.releaseguard.engine.snapshot.FileSnapshotStore;
import io.releaseguard.engine.snapshot.SnapshotService;
import io.releaseguard.engine.state.StateStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Builds a promotion's real collaborators from the policy in this process, the way the CLI runs: HTTP, command
 * (local or over SSH) and blue/green deploys, the health gate, the kill switch of each environment, webhooks,
 * snapshots, commit statuses and the registry client (when the policy names a registry; it shares the health
 * probe's HTTP client), all from {@link PromotionAdapters}. {@code env} resolves the policy's {@code ${env:NAME}}
 * references and is the environment of local deploy commands; a resolved header value that cannot be sent is
 * refused here, before the promotion changes anything ({@link OutboundHeaders}). Every outbound HTTP request goes
 * through one client, the health probe's. Close it to release its connections.
 * The Jenkins plugin wires the same context with every adapter on the build's agent instead ({@code
 * io.releaseguard.engine.node.NodeWiring}).
 */
public final class PromotionWiring implements AutoCloseable {
    private final PromotionAdapters adapters;
    private final PromotionContext context;

    public PromotionWiring(
            ReleaseGuardConfig config,
            StateStore state,
            Path stateDir,
            Clock clock,
            Map<String, String> env,
            Soaker soaker,
            Consumer<String> progress)
            throws ReleaseGuardException {
        OutboundHeaders.check(config, env);
        this.adapters = new PromotionAdapters(config, env, false);
        HealthGate health =
                new HealthGate(adapters.probe(), env, HealthGate.DEFAULT_CONCURRENCY, Duration.ofMillis(200));
        this.context = new PromotionContext(
                config,
                state,
                stateDir,
                clock,
                DeployCalendar.compile(config, adapters.icsFetcher()),
                health,
                new RegressionWatch(new HttpProviders(adapters.probe(), env)),
                adapters::deployer,
                health::tenants,
                e -> () -> adapters.killSwitch(e),
                adapters.notifier(),
                soaker,
                Optional.of(new SnapshotService(new FileSnapshotStore(stateDir), adapters.targets(), state, clock)),
                adapters.commitStatuses(),
                config.registry().map(r -> new DistributionRegistry(r, env, adapters.probe())),
                progress,
                adapters.targets(),
                adapters.authorship());
    }

    /** The wired context to hand to {@link Promoter}. */
    public PromotionContext context() {
        return context;
    }

    @Override
    public void close() {
        adapters.close();
    }
}
