package io.releaseguard.engine.promotion;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseguard.engine.JsonReports;
import io.releaseguard.engine.config.ConfigLoader;
import io.releaseguard.engine.config.DeploySpec;
import io.releaseguard.engine.config.ReleaseGuardConfig;
import io.releaseguard.engine.deploy.BlueGreenDeployer;
import io.releaseguard.engine.deploy.TargetCommandDeployer;
import io.releaseguard.engine.health.HttpHealthProbe;
import io.releaseguard.engine.manifest.ReleaseManifestSchemaTest;
import io.releaseguard.engine.promotion.PromotionResult.Outcome;
import io.releaseguard.engine.state.Deployment;
import io.releaseguard.engine.state.FileStateStore;
import io.releaseguard.engine.testing.MutableClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Blue/green through the promoter against a loopback service driven by real start and switch commands: the started
 * version is health-checked at its preview URL and traffic moves only when it passes; a failure after the switch is
 * rolled back by switching back to the version that kept running; retire is never run.
 */
class BlueGreenPromotionTest {
    @TempDir
    Path tmp;

    private final MutableClock clock = MutableClock.at("2026-11-24T15:00:00Z");
    private final Map<String, String> env = new ConcurrentHashMap<>();
    private final List<String> progress = new CopyOnWriteArrayList<>();
    private LoopbackSlots slots;
    private HttpHealthProbe probe;
    private FileStateStore state;
    private Promoter promoter;

    @BeforeEach
    void setUp() throws Exception {
        slots = new LoopbackSlots(tmp);
        probe = new HttpHealthProbe();
        state = new FileStateStore(tmp.resolve("state"), clock);
        promoter = promoter(slots.policy(false), tmp.resolve("state"));
        PromotionResult first = promote("sha-1111111");
        assertThat(first.outcome()).as(first.message()).isEqualTo(Outcome.SUCCEEDED);
    }

    private Promoter promoter(String policy, Path stateDir) throws Exception {
        ReleaseGuardConfig config = ConfigLoader.parse(policy, "release-guard.yaml", tmp);
        Map<String, String> path = Map.of("PATH", System.getenv("PATH"));
        return new Promoter(TestPromotions.context(
                config,
                new FileStateStore(stateDir, clock),
                stateDir,
                clock,
                probe,
                () -> Map.copyOf(env),
                clock::advance,
                Optional.empty(),
                progress::add,
                s -> {
                    DeploySpec.BlueGreen bg = (DeploySpec.BlueGreen) s.deploy().orElseThrow();
                    return new BlueGreenDeployer(
                            new TargetCommandDeployer(s, bg.start(), tmp, path, Duration.ofSeconds(30)),
                            new TargetCommandDeployer(s, bg.switchTraffic(), tmp, path, Duration.ofSeconds(30)));
                },
                Optional.empty()));
    }

    @AfterEach
    void tearDown() {
        probe.close();
        slots.close();
    }

    private PromotionResult promote(String release) throws Exception {
        return promote(promoter, release);
    }

    private PromotionResult promote(Promoter promoter, String release) throws Exception {
        clock.advance(Duration.ofMinutes(5));
        String digest = "sha256:" + release.substring(4).repeat(10).substring(0, 64);
        return promoter.promote(new PromoteRequest(release, "testnet", "zoe", digest, Optional.empty(), false));
    }

    @Test
    void startsChecksThePreviewThenSwitchesWithOneKeyPerPhase() throws Exception {
        PromotionResult r = promote("sha-2222222");

        assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(slots.active("api")).isEqualTo("sha-2222222");
        assertThat(slots.log("started.log"))
                .last()
                .isEqualTo("sha-2222222 api " + r.promotionId() + "/api//deploy-start");
        assertThat(slots.log("switches.log")).last().isEqualTo("sha-2222222 api " + r.promotionId() + "/api//deploy");
        assertThat(progress)
                .contains("api: sha-2222222 healthy at its preview, traffic switched; the previous version keeps"
                        + " running");
        assertThat(slots.log("retired.log"))
                .as("retire is never run by a promotion")
                .isEmpty();
    }

    @Test
    void anUnhealthyPreviewSwitchesNothingAndThePromotionFailsCleanly() throws Exception {
        slots.brokenPreview.add("sha-2222222");

        PromotionResult r = promote("sha-2222222");

        assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.ROLLED_BACK);
        assertThat(r.exitCode().code()).isEqualTo(4);
        assertThat(r.message())
                .contains(
                        "preview health FAIL for api at " + slots.base() + "/preview/sha-2222222/api/health: api ready:"
                                + " /status = \"broken\", expected \"ok\"; traffic not switched")
                .contains("rolled back: traffic never left sha-1111111: sha-2222222 was not switched to; health PASS"
                        + " on sha-1111111");
        assertThat(slots.active("api")).isEqualTo("sha-1111111");
        assertThat(slots.log("switches.log")).hasSize(1);
        assertThat(slots.log("started.log")).hasSize(2);
        assertThat(slots.log("retired.log")).isEmpty();
        assertThat(state.lastSuccessful("testnet").map(Deployment::release)).contains("sha-1111111");
    }

    @Test
    void aFailureAfterTheSwitchSwitchesBackToTheVersionThatKeptRunning() throws Exception {
        slots.brokenLive.add("sha-3333333");

        PromotionResult r = promote("sha-3333333");

        assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.ROLLED_BACK);
        assertThat(r.message())
                .contains("health FAIL for api: api ready: /status = \"broken\", expected \"ok\"")
                .contains("rolled back: switched traffic back to sha-1111111 on api (it kept running); health PASS on"
                        + " sha-1111111");
        assertThat(slots.steps("switches.log"))
                .containsExactly("sha-1111111 api deploy", "sha-3333333 api deploy", "sha-1111111 api rollback");
        assertThat(slots.steps("started.log"))
                .as("no cold start of the old version")
                .containsExactly("sha-1111111 api deploy-start", "sha-3333333 api deploy-start");
        assertThat(slots.log("retired.log")).isEmpty();
        HttpResponse<String> live = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(slots.base() + "/live/api/health"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(JsonReports.MAPPER.readTree(live.body()).get("version").asText())
                .isEqualTo("sha-1111111");
        var manifest = JsonReports.MAPPER.readTree(
                Files.readString(Path.of(r.manifest().orElseThrow())));
        assertThat(manifest.at("/rollbacks/0/kind").asText()).isEqualTo("SWITCH_BACK");
        assertThat(ReleaseManifestSchemaTest.schema().validate(manifest)).isEmpty();
    }

    @Test
    void aWarnAtThePreviewStillSwitchesAsItWouldForAPlainDeploy() throws Exception {
        slots.cold.add("sha-4444444");

        PromotionResult r = promote("sha-4444444");

        assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(slots.active("api")).isEqualTo("sha-4444444");
    }

    @Test
    void theKillSwitchIsReadBetweenStartAndSwitchAndAResumeNeitherRestartsNorSkipsThePreview() throws Exception {
        slots.onPreview(() -> env.put("KILL", "1"));

        PromotionResult halted = promote("sha-5555555");

        assertThat(halted.outcome()).as(halted.message()).isEqualTo(Outcome.HALTED);
        assertThat(halted.message())
                .contains("KILL_SWITCH: environment variable KILL: ")
                .contains("(before switching traffic on api)");
        assertThat(slots.active("api")).isEqualTo("sha-1111111");

        env.put("KILL", "0");
        slots.brokenPreview.add("sha-5555555");
        PromotionResult resumed = promote("sha-5555555");
        assertThat(resumed.outcome())
                .as("the preview is checked again before the switch")
                .isEqualTo(Outcome.ROLLED_BACK);
        assertThat(slots.active("api")).isEqualTo("sha-1111111");

        assertThat(slots.log("started.log"))
                .filteredOn(l -> l.startsWith("sha-5555555 "))
                .as("started once across the halt and the resume")
                .containsExactly("sha-5555555 api " + halted.promotionId() + "/api//deploy-start");
    }

    @Test
    void aFleetSwitchesTenantByTenantAndARollbackSwitchesBackOnlyTheTenantsThatWereSwitched() throws Exception {
        Promoter fleet = promoter(slots.policy(true), tmp.resolve("state-fleet"));
        assertThat(promote(fleet, "sha-1111111").outcome()).isEqualTo(Outcome.SUCCEEDED);
        slots.brokenPreview.add("sha-2222222@t02");

        PromotionResult r = promote(fleet, "sha-2222222");

        assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.ROLLED_BACK);
        assertThat(r.message())
                .contains("preview health FAIL for web at " + slots.base() + "/preview/sha-2222222/t02/health: web/t02"
                        + " ready: /status = \"broken\", expected \"ok\"; traffic not switched")
                .contains("rolled back: switched traffic back to sha-1111111 on 2 tenant(s) (it kept running); health"
                        + " PASS on sha-1111111");
        for (String t : LoopbackSlots.TENANTS) {
            assertThat(slots.active(t)).as(t).isEqualTo("sha-1111111");
        }
        assertThat(slots.steps("switches.log"))
                .filteredOn(l -> l.startsWith("sha-2222222") || l.endsWith("rollback"))
                .containsExactly(
                        "sha-2222222 t00 deploy",
                        "sha-2222222 t01 deploy",
                        "sha-1111111 t00 rollback",
                        "sha-1111111 t01 rollback");
        assertThat(slots.steps("started.log"))
                .filteredOn(l -> l.startsWith("sha-2222222"))
                .as("the batch after the failing tenant never started")
                .containsExactly(
                        "sha-2222222 t00 deploy-start",
                        "sha-2222222 t01 deploy-start",
                        "sha-2222222 t02" + " deploy-start");
    }
}
