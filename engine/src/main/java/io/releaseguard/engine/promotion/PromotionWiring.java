package io.releaseguard.engine.promotion;

import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.calendar.DeployCalendar;
import io.releaseguard.engine.calendar.HttpAndFileIcsFetcher;
import io.releaseguard.engine.config.DeploySpec;
import io.releaseguard.engine.config.EnvironmentSpec;
import io.releaseguard.engine.config.GitSpec;
import io.releaseguard.engine.config.KillSwitchSpec;
import io.releaseguard.engine.config.ReleaseGuardConfig;
import io.releaseguard.engine.config.ServiceSpec;
import io.releaseguard.engine.deploy.BlueGreenDeployer;
import io.releaseguard.engine.deploy.DeployOutcome;
import io.releaseguard.engine.deploy.Deployer;
import io.releaseguard.engine.deploy.HttpDeployer;
import io.releaseguard.engine.deploy.TargetCommandDeployer;
import io.releaseguard.engine.health.HealthGate;
import io.releaseguard.engine.health.HttpHealthProbe;
import io.releaseguard.engine.killswitch.KillSwitch;
import io.releaseguard.engine.killswitch.KillSwitchState;
import io.releaseguard.engine.notify.WebhookNotifier;
import io.releaseguard.engine.registry.DistributionRegistry;
import io.releaseguard.engine.regression.HttpProviders;
import io.releaseguard.engine.regression.RegressionWatch;
import io.releaseguard.engine.snapshot.FileSnapshotStore;
import io.releaseguard.engine.snapshot.SnapshotService;
import io.releaseguard.engine.state.StateStore;
import io.releaseguard.engine.status.ForgeCommitStatuses;
import io.releaseguard.engine.target.Targets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Builds a promotion's real collaborators from the policy, the same way for every front (CLI and Jenkins): HTTP,
 * command (local or over SSH) and blue/green deploys, the health gate, the kill switch of each environment, webhooks,
 * snapshots, commit statuses and the registry client (when the policy names a registry). Every outbound HTTP request
 * goes through one client, the health probe's. {@code env} resolves the policy's {@code ${env:NAME}} references and is
 * the environment of local deploy commands; a resolved header value that cannot be sent is refused here, before the
 * promotion changes anything ({@link OutboundHeaders}). Close it to release the client's connections.
 */
public final class PromotionWiring implements AutoCloseable {
    static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(30);
    static final Duration HTTP_DEPLOY_TIMEOUT = Duration.ofMinutes(2);

    /** The one HTTP client of a promotion: health checks, deploys, webhooks, kill switch, forge and registry. */
    private final HttpHealthProbe probe = new HttpHealthProbe();

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
        try {
            OutboundHeaders.check(config, env);
        } catch (ReleaseGuardException e) {
            probe.close();
            throw e;
        }
        HealthGate health = new HealthGate(probe, env, HealthGate.DEFAULT_CONCURRENCY, Duration.ofMillis(200));
        this.context = new PromotionContext(
                config,
                state,
                stateDir,
                clock,
                DeployCalendar.compile(config, new HttpAndFileIcsFetcher(Duration.ofSeconds(10))),
                health,
                new RegressionWatch(new HttpProviders(probe, env)),
                s -> deployer(config, s, env),
                health::tenants,
                e -> killSwitch(config, e, env),
                new WebhookNotifier(config.webhooks(), env, probe),
                soaker,
                Optional.of(new SnapshotService(new FileSnapshotStore(stateDir), Targets.fromConfig(), state, clock)),
                config.git().flatMap(GitSpec::pullRequests).map(forge -> new ForgeCommitStatuses(forge, env, probe)),
                config.registry().map(r -> new DistributionRegistry(r, env, probe)),
                progress);
    }

    /** The wired context to hand to {@link Promoter}. */
    public PromotionContext context() {
        return context;
    }

    private Deployer deployer(ReleaseGuardConfig config, ServiceSpec s, Map<String, String> env) {
        if (s.deploy().isEmpty()) {
            return r -> new DeployOutcome(
                    true,
                    "no deploy action configured: " + s.name()
                            + " is rolled out outside release-guard; its health gate decides");
        }
        DeploySpec spec = s.deploy().get();
        if (spec instanceof DeploySpec.Http h) {
            return new HttpDeployer(h, env, probe, HTTP_DEPLOY_TIMEOUT);
        }
        if (spec instanceof DeploySpec.Command c) {
            return onTarget(config, s, c.command(), env);
        }
        DeploySpec.BlueGreen bg = (DeploySpec.BlueGreen) spec;
        return new BlueGreenDeployer(
                onTarget(config, s, bg.start(), env), onTarget(config, s, bg.switchTraffic(), env));
    }

    private static Deployer onTarget(
            ReleaseGuardConfig config, ServiceSpec s, String command, Map<String, String> env) {
        return new TargetCommandDeployer(s, command, config.baseDir(), env, COMMAND_TIMEOUT);
    }

    private Supplier<KillSwitchState> killSwitch(
            ReleaseGuardConfig config, String environment, Map<String, String> env) {
        Optional<KillSwitchSpec> spec = config.environment(environment)
                .flatMap(EnvironmentSpec::killSwitch)
                .or(config::killSwitch);
        if (spec.isEmpty()) {
            return () -> KillSwitchState.off("no kill switch configured");
        }
        KillSwitch k = new KillSwitch(spec.get(), env, config.baseDir(), probe);
        return k::read;
    }

    @Override
    public void close() {
        probe.close();
    }
}
