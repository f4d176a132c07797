package io.releaseguard.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseguard.engine.config.ConfigLoader;
import io.releaseguard.engine.config.DeploySpec;
import io.releaseguard.engine.config.ReleaseGuardConfig;
import io.releaseguard.engine.config.ServiceSpec;
import io.releaseguard.engine.deploy.DeployOutcome;
import io.releaseguard.engine.deploy.DeployRequest;
import io.releaseguard.engine.deploy.HttpDeployer;
import io.releaseguard.engine.health.CheckResult;
import io.releaseguard.engine.health.HealthGate;
import io.releaseguard.engine.health.HealthReport;
import io.releaseguard.engine.health.HttpHealthProbe;
import io.releaseguard.engine.health.Verdict;
import io.releaseguard.engine.promotion.StepKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The written policy against its world: it loads, its deploy actions (through the engine's {@link HttpDeployer})
 * change what runs, and the health gate passes a healthy release and fails a broken one.
 */
class DemoPolicyIT {
    /** A release the gate can verify end to end: its /buildinfo SHA starts with the release name itself. */
    private static final String RELEASE = "4f3c2b1a9e";

    @TempDir
    Path tmp;

    private DemoWorld world;
    private ReleaseGuardConfig config;
    private final HttpHealthProbe client = new HttpHealthProbe();

    @BeforeEach
    void start() throws Exception {
        world = DemoWorld.start();
        config = ConfigLoader.load(DemoPolicy.write(world, tmp));
    }

    @AfterEach
    void stop() {
        world.close();
    }

    @Test
    void thePolicyLoadsWithTheWorldsAddresses() throws Exception {
        assertThat(config.environmentNames()).containsExactly("local", "testnet", "staging", "mainnet");
        assertThat(config.services()).extracting(ServiceSpec::name).containsExactly("api", "web", "ledger");
        ServiceSpec ledger = config.service("ledger").orElseThrow();
        assertThat(ledger.isFleet()).isTrue();
        assertThat(ledger.tenantsUrl()).containsEntry("mainnet", world.tenantsUrl("mainnet"));
        assertThat(ledger.fleet().orElseThrow().batchSize()).isEqualTo(4);
        assertThat(config.service("api").orElseThrow().endpoints())
                .containsEntry("testnet", world.endpoint("testnet", "api"))
                .doesNotContainKey("local");
        assertThat(config.environment("mainnet")
                        .orElseThrow()
                        .approvals()
                        .orElseThrow()
                        .required())
                .contains(2);
        assertThat(Files.readString(tmp.resolve(DemoPolicy.FILE))).contains(world.webhookUrl("releases"));
    }

    @Test
    void theGatePassesAHealthyDeployedReleaseAndFailsABrokenOne() throws Exception {
        deployEverything("testnet", RELEASE, "p1");
        HealthReport healthy = gate("testnet", RELEASE);
        assertThat(healthy.verdict()).as(failures(healthy)).isEqualTo(Verdict.PASS);
        // api and web: one ready check each; ledger: ready and buildinfo for each of 12 tenants.
        assertThat(healthy.checks()).hasSize(2 + 2 * 12);

        String broken = "b0b0b0b0b0";
        world.breakRelease("ledger", broken, Breakage.WRONG_JSON);
        deployEverything("testnet", broken, "p2");
        HealthReport failing = gate("testnet", broken);
        assertThat(failing.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(failing.checks())
                .filteredOn(c -> c.verdict() == Verdict.FAIL)
                .hasSize(12)
                .allSatisfy(c -> {
                    assertThat(c.service()).isEqualTo("ledger");
                    assertThat(c.message()).contains("/status = \"degraded\", expected \"ok\"");
                });
    }

    @Test
    void aRolloutThatDidNotTakeFailsTheSameShaCheck() throws Exception {
        deployEverything("mainnet", RELEASE, "p1");
        String next = "c0ffee1234";
        world.breakRelease("ledger", next, Breakage.STALE_BUILDINFO);
        deployEverything("mainnet", next, "p2");
        HealthReport report = gate("mainnet", next);
        assertThat(report.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(report.buildinfo().orElseThrow().mismatches()).hasSize(12).allSatisfy(m -> assertThat(m.reported())
                .contains(DemoWorld.shaOf(RELEASE)));
    }

    @Test
    void theEnginesDeployerIsIdempotentAgainstTheControlPlane() throws Exception {
        DeployOutcome first = deploy("testnet", "ledger", Optional.of("t07"), "sha-abc1234", "p1");
        DeployOutcome replay = deploy("testnet", "ledger", Optional.of("t07"), "sha-abc1234", "p1");
        assertThat(first.succeeded()).as(first.detail()).isTrue();
        assertThat(replay.succeeded()).isTrue();
        assertThat(replay.detail()).contains("\"duplicate\":true");
        assertThat(world.deployCount("testnet", "ledger", "t07", "sha-abc1234")).isEqualTo(1);
        assertThat(world.requestsSeen("p1/ledger/t07/deploy")).isEqualTo(2);
        assertThat(world.releaseOf("testnet", "ledger", "t08")).isEqualTo(world.initialRelease());
    }

    private void deployEverything(String env, String release, String promotion) throws Exception {
        for (ServiceSpec s : config.services()) {
            List<Optional<String>> targets = s.isFleet()
                    ? world.tenantNames(env).stream().map(Optional::of).toList()
                    : List.of(Optional.empty());
            for (Optional<String> tenant : targets) {
                DeployOutcome outcome = deploy(env, s.name(), tenant, release, promotion);
                assertThat(outcome.succeeded()).as(outcome.detail()).isTrue();
            }
        }
    }

    private DeployOutcome deploy(String env, String service, Optional<String> tenant, String release, String promotion)
            throws Exception {
        DeploySpec.Http spec =
                (DeploySpec.Http) config.service(service).orElseThrow().deploy().orElseThrow();
        StepKey key = new StepKey(promotion, service, tenant.orElse(""), "deploy");
        return new HttpDeployer(spec, Map.of(), client, Duration.ofSeconds(10))
                .deploy(new DeployRequest(env, service, release, tenant, key));
    }

    /** The gate as {@code release-guard health} builds it. */
    private HealthReport gate(String env, String release) throws Exception {
        try (HttpHealthProbe probe = new HttpHealthProbe()) {
            return new HealthGate(probe, Map.of(), HealthGate.DEFAULT_CONCURRENCY, Duration.ofMillis(200))
                    .check(config, env, Optional.empty(), Optional.of(release), Optional.empty());
        }
    }

    private static String failures(HealthReport r) {
        return r.checks().stream()
                .filter(c -> c.verdict() != Verdict.PASS)
                .map(CheckResult::toString)
                .toList()
                .toString();
    }
}
