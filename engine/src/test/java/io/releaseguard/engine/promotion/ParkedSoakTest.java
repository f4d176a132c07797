package io.releaseguard.engine.promotion;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseguard.engine.config.ConfigLoader;
import io.releaseguard.engine.config.ServiceSpec;
import io.releaseguard.engine.deploy.Deployer;
import io.releaseguard.engine.health.HttpHealthProbe;
import io.releaseguard.engine.promotion.PromotionResult.Outcome;
import io.releaseguard.engine.state.FileStateStore;
import io.releaseguard.engine.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A soaker that parks long waits, as the Jenkins step's does: each attempt stops at a soak with outcome WAITING and
 * the lock kept with a lease past the soak's end, and promoting again later continues from the journal. No attempt ever blocks on a wait (the
 * soaker fails the test if asked to), so the soaks are measured only against the test clock.
 */
class ParkedSoakTest {
    private static final String RELEASE = "sha-1111111";

    @TempDir
    Path tmp;

    private final MutableClock clock = MutableClock.at("2026-11-24T15:00:00Z");
    private final List<String> progress = new CopyOnWriteArrayList<>();
    private final Map<String, Instant> deployedAt = new ConcurrentHashMap<>();
    private final Soaker parking = Soaker.parkingOver(Duration.ofSeconds(5), d -> {
        throw new AssertionError("an attempt blocked on a " + d + " wait");
    });
    private LoopbackFleet world;
    private HttpHealthProbe probe;
    private FileStateStore state;

    @BeforeEach
    void setUp() throws Exception {
        world = new LoopbackFleet(5, "sha-0000001");
        probe = new HttpHealthProbe();
        state = new FileStateStore(tmp.resolve("state"), clock);
    }

    @AfterEach
    void tearDown() {
        probe.close();
        world.close();
    }

    private PromotionResult promote(String policy) throws Exception {
        Function<ServiceSpec, Deployer> http = TestPromotions.httpDeployers();
        Promoter promoter = new Promoter(TestPromotions.context(
                ConfigLoader.parse(policy, "policy.yaml", tmp),
                state,
                tmp.resolve("state"),
                clock,
                probe,
                Map::of,
                parking,
                Optional.empty(),
                progress::add,
                s -> {
                    Deployer real = http.apply(s);
                    return r -> {
                        deployedAt.merge(r.key().id(), clock.instant(), (a, b) -> {
                            throw new AssertionError(r.key().id() + " was deployed twice");
                        });
                        return real.deploy(r);
                    };
                },
                Optional.empty()));
        return promoter.promote(
                new PromoteRequest(RELEASE, "testnet", "zoe", "tag:" + RELEASE, Optional.empty(), false));
    }

    private Instant deployed(String service, String tenant) {
        return deployedAt.get(
                new StepKey(deployedAt.keySet().iterator().next().split("/")[0], service, tenant, "deploy").id());
    }

    /**
     * Drives the promotion to the end: each WAITING attempt is first woken early (it must wait again and deploy
     * nothing), then at its instant. Returns the instants it asked to be woken at.
     */
    private List<Instant> driveToEnd(String policy, List<PromotionResult> results) throws Exception {
        List<Instant> wakeups = new ArrayList<>();
        PromotionResult r = promote(policy);
        results.add(r);
        while (r.outcome() == Outcome.WAITING) {
            Instant until = r.waitingUntil().orElseThrow();
            String waiting = r.promotionId();
            wakeups.add(until);
            assertThat(r.exitCode().code()).isEqualTo(2);
            assertThat(state.locks().current("testnet"))
                    .as("a waiting promotion keeps its environment's lock, its lease lasting past the soak's end")
                    .hasValueSatisfying(lease -> {
                        assertThat(lease.holder()).isEqualTo(waiting);
                        assertThat(lease.expiresAt()).isAfter(until);
                    });
            int deploys = deployedAt.size();
            clock.advance(Duration.between(clock.instant(), until).dividedBy(2));
            PromotionResult early = promote(policy);
            assertThat(early.outcome()).as(early.message()).isEqualTo(Outcome.WAITING);
            assertThat(early.waitingUntil()).contains(until);
            assertThat(deployedAt).hasSize(deploys);
            clock.advance(Duration.between(clock.instant(), until));
            r = promote(policy);
            results.add(r);
        }
        assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.SUCCEEDED);
        return wakeups;
    }

    @Test
    void aFleetWithCanaryAndBatchSoaksCompletesThroughRepeatedAttemptsDeployingEachTenantOnce() throws Exception {
        Instant start = clock.instant();
        List<PromotionResult> results = new ArrayList<>();
        List<Instant> wakeups = driveToEnd(world.policy(), results);

        // Canary t00, a 1-minute soak, then batches of 2 with 30 s between them: two parked waits.
        assertThat(wakeups).hasSize(2);
        assertThat(results.get(0).message())
                .contains("waits until " + wakeups.get(0))
                .contains("keeps the environment's lock")
                .contains("holds no thread");
        for (String tenant : world.tenants) {
            assertThat(world.appliedCount(tenant, RELEASE)).as(tenant).isEqualTo(1);
        }
        assertThat(world.appliedCount("api", RELEASE)).isEqualTo(1);
        assertThat(deployedAt).hasSize(6);
        assertThat(Duration.between(deployed("ledger", "t00"), deployed("ledger", "t01")))
                .isGreaterThanOrEqualTo(Duration.ofMinutes(1));
        assertThat(Duration.between(deployed("ledger", "t02"), deployed("ledger", "t03")))
                .isGreaterThanOrEqualTo(Duration.ofSeconds(30));
        assertThat(wakeups.get(0)).isEqualTo(deployed("ledger", "t00").plus(Duration.ofMinutes(1)));
        assertThat(clock.instant()).isAfterOrEqualTo(start.plus(Duration.ofSeconds(90)));
        assertThat(world.tenants.stream().map(world.versions::get)).containsOnly(RELEASE);
        assertThat(state.audit().read().records().stream()
                        .filter(a -> a.entry().action().equals("promotion.wait"))
                        .count())
                .as("every parked attempt is audited, the early wake-ups included")
                .isEqualTo(4);
    }

    @Test
    void theRegressionGuardWindowIsParkedToo() throws Exception {
        List<PromotionResult> results = new ArrayList<>();
        List<Instant> wakeups = driveToEnd(world.policyWithRegression("proceed"), results);

        // api's 5-minute guard soak, the ledger's canary and batch soaks, then the ledger's guard soak.
        assertThat(wakeups).hasSize(4);
        assertThat(wakeups.get(0)).isEqualTo(deployed("api", "").plus(Duration.ofMinutes(5)));
        assertThat(progress).anyMatch(l -> l.startsWith("api: regression PASS for api"));
        for (String tenant : world.tenants) {
            assertThat(world.appliedCount(tenant, RELEASE)).as(tenant).isEqualTo(1);
        }
        assertThat(world.appliedCount("api", RELEASE)).isEqualTo(1);
    }

    @Test
    void aWaitAtOrUnderTheThresholdIsWaitedOutInTheAttempt() throws Exception {
        List<Duration> waited = new ArrayList<>();
        Soaker soaker = Soaker.parkingOver(Duration.ofMinutes(1), d -> {
            waited.add(d);
            clock.advance(d);
        });
        assertThat(soaker.parks(Duration.ofMinutes(1))).isFalse();
        assertThat(soaker.parks(Duration.ofSeconds(61))).isTrue();
        assertThat(Soaker.SLEEP.parks(Duration.ofDays(1)))
                .as("the CLI's soaker never parks")
                .isFalse();
        soaker.soak(Duration.ofSeconds(30));
        assertThat(waited).containsExactly(Duration.ofSeconds(30));
    }
}
