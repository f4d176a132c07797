package io.releaseguard.engine.promotion;

import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.calendar.DeployCalendar;
import io.releaseguard.engine.config.DeploySpec;
import io.releaseguard.engine.config.KillSwitchSpec;
import io.releaseguard.engine.config.ReleaseGuardConfig;
import io.releaseguard.engine.config.ServiceSpec;
import io.releaseguard.engine.deploy.Deployer;
import io.releaseguard.engine.deploy.HttpDeployer;
import io.releaseguard.engine.health.HealthGate;
import io.releaseguard.engine.health.HttpHealthProbe;
import io.releaseguard.engine.killswitch.KillSwitch;
import io.releaseguard.engine.notify.WebhookNotifier;
import io.releaseguard.engine.registry.ImageRegistry;
import io.releaseguard.engine.regression.HttpProviders;
import io.releaseguard.engine.regression.RegressionWatch;
import io.releaseguard.engine.release.JGitReleaseAuthorship;
import io.releaseguard.engine.state.StateStore;
import io.releaseguard.engine.status.CommitStatuses;
import io.releaseguard.engine.target.Targets;
import io.releaseguard.engine.testing.MutableClock;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Wires a promotion for tests against a {@link LoopbackFleet}: HTTP deploys, real health gate and regression watch,
 * env kill switch.
 */
final class TestPromotions {
    private TestPromotions() {}

    static PromotionContext context(
            ReleaseGuardConfig config,
            StateStore state,
            Path stateDir,
            Clock clock,
            HttpHealthProbe probe,
            Supplier<Map<String, String>> env,
            Soaker soaker,
            Optional<CommitStatuses> commitStatuses,
            Consumer<String> progress)
            throws ReleaseGuardException {
        return context(
                config,
                state,
                stateDir,
                clock,
                probe,
                env,
                soaker,
                commitStatuses,
                progress,
                httpDeployers(),
                Optional.empty());
    }

    /**
     * A promoter for the loopback world whose images are retagged in {@code registry}: HTTP deploys, no environment
     * variables, soaks that advance the test clock.
     */
    static Promoter promoter(
            ReleaseGuardConfig config,
            StateStore state,
            Path stateDir,
            MutableClock clock,
            HttpHealthProbe probe,
            Consumer<String> progress,
            ImageRegistry registry)
            throws ReleaseGuardException {
        return new Promoter(context(
                config,
                state,
                stateDir,
                clock,
                probe,
                Map::of,
                clock::advance,
                Optional.empty(),
                progress,
                httpDeployers(),
                Optional.of(registry)));
    }

    /** Each service deployed by its {@code deploy.http} call. */
    static Function<ServiceSpec, Deployer> httpDeployers() {
        HttpHealthProbe http = new HttpHealthProbe();
        return s ->
                new HttpDeployer((DeploySpec.Http) s.deploy().orElseThrow(), Map.of(), http, Duration.ofSeconds(10));
    }

    /** As above with other deploy actions and, when given, a registry images are retagged in; webhooks as configured. */
    static PromotionContext context(
            ReleaseGuardConfig config,
            StateStore state,
            Path stateDir,
            Clock clock,
            HttpHealthProbe probe,
            Supplier<Map<String, String>> env,
            Soaker soaker,
            Optional<CommitStatuses> commitStatuses,
            Consumer<String> progress,
            Function<ServiceSpec, Deployer> deployers,
            Optional<ImageRegistry> registry)
            throws ReleaseGuardException {
        HttpHealthProbe http = new HttpHealthProbe();
        HealthGate health = new HealthGate(probe, Map.of(), 8, Duration.ZERO);
        return new PromotionContext(
                config,
                state,
                stateDir,
                clock,
                DeployCalendar.compile(config, (source, dir) -> ""),
                health,
                new RegressionWatch(new HttpProviders(probe, Map.of())),
                deployers,
                health::tenants,
                e -> () -> new KillSwitch(new KillSwitchSpec.EnvVar("KILL"), env.get(), stateDir, http).read(),
                new WebhookNotifier(config.webhooks(), Map.of(), http),
                soaker,
                Optional.empty(),
                commitStatuses,
                registry,
                progress,
                Targets.fromConfig(),
                JGitReleaseAuthorship.forPolicy(config));
    }
}
