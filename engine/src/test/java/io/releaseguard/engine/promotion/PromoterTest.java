package io.releaseguard.engine.promotion;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseguard.engine.approval.Approvals;
import io.releaseguard.engine.config.ConfigLoader;
import io.releaseguard.engine.config.ReleaseGuardConfig;
import io.releaseguard.engine.health.HttpHealthProbe;
import io.releaseguard.engine.pir.PostIncidentReviews;
import io.releaseguard.engine.promotion.PromotionResult.Outcome;
import io.releaseguard.engine.state.Decision;
import io.releaseguard.engine.state.Deployment;
import io.releaseguard.engine.state.FileStateStore;
import io.releaseguard.engine.testing.MutableClock;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromoterTest {
    @TempDir
    Path tmp;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T15:00:00Z"));
    private final Map<String, String> env = new ConcurrentHashMap<>();
    private final List<String> progress = new CopyOnWriteArrayList<>();
    private final HttpHealthProbe http = new HttpHealthProbe();
    private LoopbackFleet world;
    private HttpHealthProbe probe;
    private ReleaseGuardConfig config;
    private FileStateStore state;
    private Promoter promoter;

    @BeforeEach
    void setUp() throws Exception {
        world = new LoopbackFleet(5, "sha-0000001");
        probe = new HttpHealthProbe();
        config = ConfigLoader.parse(world.policy(), "policy.yaml", tmp);
        state = new FileStateStore(tmp.resolve("state"), clock);
        PromotionContext ctx = TestPromotions.context(
                config,
                state,
                tmp.resolve("state"),
                clock,
                probe,
                () -> Map.copyOf(env),
                d -> clock.advance(d),
                Optional.empty(),
                progress::add);
        promoter = new Promoter(ctx);
    }

    @AfterEach
    void tearDown() {
        probe.close();
        world.close();
    }

    private PromotionResult promote(String release, String to) throws Exception {
        return promoter.promote(new PromoteRequest(release, to, "zoe", "tag:" + release, Optional.empty(), false));
    }

    @Test
    void promotesThroughTestnetThenWaitsForApprovalsOnMainnetThenResumes() throws Exception {
        PromotionResult testnet = promote("sha-abc1234", "testnet");
        assertThat(testnet.outcome()).as(testnet.message()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(world.versions.values()).containsOnly("sha-abc1234");
        for (String t : world.tenants) {
            assertThat(world.appliedCount(t, "sha-abc1234")).as(t).isEqualTo(1);
        }
        assertThat(progress)
                .contains("ledger: canary (1 tenant(s)) healthy", "ledger: batch 2/2 (2 tenant(s)) healthy");

        PromotionResult waiting = promote("sha-abc1234", "mainnet");
        assertThat(waiting.outcome()).isEqualTo(Outcome.BLOCKED);
        assertThat(waiting.exitCode().code()).isEqualTo(2);
        assertThat(waiting.message()).contains("APPROVALS: awaiting approvals (0/1): none yet");

        new Approvals(config, state, clock).decide(waiting.promotionId(), "alice", Decision.APPROVE, "ok");
        PromotionResult live = promote("sha-abc1234", "mainnet");
        assertThat(live.promotionId()).isEqualTo(waiting.promotionId());
        assertThat(live.outcome()).as(live.message()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(state.lastSuccessful("mainnet").map(Deployment::release)).contains("sha-abc1234");
        assertThat(live.manifest()).isPresent();
        assertThat(state.audit().verify().ok()).isTrue();
    }

    @Test
    void onlyMissingApprovalsAreWorthWaitingForAndTheRequesterIsNotAmongWhoMayDecide() throws Exception {
        assertThat(promote("sha-abc1234", "testnet").awaitsApprovals()).isFalse();
        PromoteRequest byAlice = new PromoteRequest(
                "sha-abc1234", "mainnet", "alice", PromoteRequest.tagDigest("sha-abc1234"), Optional.empty(), false);

        PromotionResult waiting = promoter.promote(byAlice);
        Approvals approvals = new Approvals(config, state, clock);

        assertThat(waiting.awaitsApprovals()).as(waiting.message()).isTrue();
        assertThat(approvals.eligibleReviewers(waiting.promotionId())).containsExactly("bob", "carol");

        approvals.decide(waiting.promotionId(), "bob", Decision.REJECT, "not this week");
        PromotionResult rejected = promoter.promote(byAlice);

        assertThat(rejected.outcome()).isEqualTo(Outcome.BLOCKED);
        assertThat(rejected.awaitsApprovals()).isFalse();
        assertThat(rejected.message())
                .contains("APPROVALS: rejected by bob at ")
                .contains(": not this week");
    }

    @Test
    void aBrokenServiceIsRolledBackAloneAndNothingAfterItIsTouched() throws Exception {
        assertThat(promote("sha-1111111", "testnet").outcome()).isEqualTo(Outcome.SUCCEEDED);
        world.broken.add("sha-2222222");
        PromotionResult r = promote("sha-2222222", "testnet");
        assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.ROLLED_BACK);
        assertThat(r.exitCode().code()).isEqualTo(4);
        assertThat(r.message())
                .contains("health FAIL for api: api ready: /status = \"broken\", expected \"ok\"")
                .contains("rolled back: redeployed sha-1111111 to api; health PASS on sha-1111111");
        assertThat(world.versions.get("api")).isEqualTo("sha-1111111");
        assertThat(world.tenants.stream().map(world.versions::get)).containsOnly("sha-1111111");
        assertThat(world.appliedCount("t00", "sha-2222222"))
                .as("services after the failing one never ran")
                .isZero();
        assertThat(state.lastSuccessful("testnet").map(Deployment::release)).contains("sha-1111111");
        assertThat(new PostIncidentReviews(tmp.resolve("state"), clock).open()).hasSize(1);
    }

    @Test
    void aBrokenCanaryStopsTheFleetAndOnlyTheCanaryIsRolledBack() throws Exception {
        assertThat(promote("sha-1111111", "testnet").outcome()).isEqualTo(Outcome.SUCCEEDED);
        world.brokenOnTenants.add("sha-3333333");
        PromotionResult r = promote("sha-3333333", "testnet");
        assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.ROLLED_BACK);
        assertThat(r.message()).contains("health FAIL for ledger").contains("redeployed sha-1111111 to 1 tenant(s)");
        assertThat(world.versions.get("api")).isEqualTo("sha-3333333");
        assertThat(world.tenants.stream().map(world.versions::get)).containsOnly("sha-1111111");
        assertThat(world.appliedCount("t00", "sha-3333333")).isEqualTo(1);
        assertThat(world.appliedCount("t01", "sha-3333333"))
                .as("batches after the canary never ran")
                .isZero();
    }

    @Test
    void theKillSwitchHaltsBetweenWavesAndARerunResumesWithoutRedeploying() throws Exception {
        assertThat(promote("sha-1111111", "testnet").outcome()).isEqualTo(Outcome.SUCCEEDED);
        approveNextMainnetPromotion("sha-1111111");
        progress.clear();
        env.put("KILL", "0");
        int before = world.deployRequests.get();
        // Engage the switch while the canary soaks: the next wave must not start.
        PromotionResult halted = promoterWithSoakHook(() -> env.put("KILL", "1"))
                .promote(new PromoteRequest(
                        "sha-1111111", "mainnet", "zoe", "tag:sha-1111111", Optional.empty(), false));
        assertThat(halted.outcome()).as(halted.message()).isEqualTo(Outcome.HALTED);
        assertThat(halted.message()).contains("KILL_SWITCH");
        env.put("KILL", "0");
        PromotionResult resumed = promote("sha-1111111", "mainnet");
        assertThat(resumed.outcome()).as(resumed.message()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(world.deployRequests.get() - before)
                .as("each step sent exactly once across halt and resume")
                .isEqualTo(1 + 5);
    }

    private void approveNextMainnetPromotion(String release) throws Exception {
        PromotionResult waiting = promote(release, "mainnet");
        new Approvals(config, state, clock).decide(waiting.promotionId(), "bob", Decision.APPROVE, "");
    }

    private Promoter promoterWithSoakHook(Runnable hook) throws Exception {
        return new Promoter(TestPromotions.context(
                config,
                state,
                tmp.resolve("state"),
                clock,
                probe,
                () -> Map.copyOf(env),
                d -> {
                    clock.advance(d);
                    hook.run();
                },
                Optional.empty(),
                progress::add));
    }
}
