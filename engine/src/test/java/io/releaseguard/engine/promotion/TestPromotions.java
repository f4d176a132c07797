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
import io.releaseguard.engine.regression.HttpProviders;
import io.releaseguard.engine.regression.RegressionWatch;
import io.releaseguard.engine.state.StateStore;
import io.releaseguard.engine.status.CommitStatuses;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
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
        HttpClient http = HttpClient.newHttpClient();
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
                s -> new HttpDeployer(
                        (DeploySpec.Http) s.deploy().orElseThrow(), Map.of(), http, Duration.ofSeconds(10)));
    }

    /** As above with other deploy actions. */
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
            Function<ServiceSpec, Deployer> deployers)
            throws ReleaseGuardException {
        HttpClient http = HttpClient.newHttpClient();
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
                new WebhookNotifier(List.of(), Map.of(), http),
                soaker,
                Optional.empty(),
                commitStatuses,
                progress);
    }
}
