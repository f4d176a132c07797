package io.releaseguard.bench.promotion;

import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.calendar.DeployCalendar;
import io.releaseguard.engine.config.DeploySpec;
import io.releaseguard.engine.config.EnvironmentSpec;
import io.releaseguard.engine.config.ReleaseGuardConfig;
import io.releaseguard.engine.deploy.HttpDeployer;
import io.releaseguard.engine.health.HealthGate;
import io.releaseguard.engine.health.HttpHealthProbe;
import io.releaseguard.engine.killswitch.KillSwitch;
import io.releaseguard.engine.notify.WebhookNotifier;
import io.releaseguard.engine.promotion.PromotionContext;
import io.releaseguard.engine.regression.HttpProviders;
import io.releaseguard.engine.regression.RegressionWatch;
import io.releaseguard.engine.release.JGitReleaseAuthorship;
import io.releaseguard.engine.state.StateStore;
import io.releaseguard.engine.target.Targets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The promotion's collaborators as the CLI wires them ({@code engine PromotionWiring}: HTTP deploys, the health gate at
 * its default concurrency, the policy's kill switch read before every tenant, webhooks, the file state store, all HTTP through the one probe), with
 * a soaker that returns at once: the policy's soaks are zero and the benchmark measures the engine, not waiting.
 */
final class BenchWiring {
    private BenchWiring() {}

    static PromotionContext context(
            ReleaseGuardConfig config,
            StateStore state,
            Path stateDir,
            HttpHealthProbe probe,
            Consumer<String> progress)
            throws ReleaseGuardException {
        Map<String, String> env = Map.of();
        HealthGate health = new HealthGate(probe, env, HealthGate.DEFAULT_CONCURRENCY, Duration.ofMillis(200));
        return new PromotionContext(
                config,
                state,
                stateDir,
                Clock.systemUTC(),
                DeployCalendar.compile(config, (source, dir) -> ""),
                health,
                new RegressionWatch(new HttpProviders(probe, env)),
                s -> new HttpDeployer((DeploySpec.Http) s.deploy().orElseThrow(), env, probe, Duration.ofMinutes(2)),
                health::tenants,
                e -> {
                    KillSwitch k = new KillSwitch(
                            config.environment(e)
                                    .flatMap(EnvironmentSpec::killSwitch)
                                    .orElseThrow(),
                            env,
                            config.baseDir(),
                            probe);
                    return k::read;
                },
                new WebhookNotifier(config.webhooks(), env, probe),
                d -> {},
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                progress,
                Targets.fromConfig(),
                JGitReleaseAuthorship.forPolicy(config));
    }
}
