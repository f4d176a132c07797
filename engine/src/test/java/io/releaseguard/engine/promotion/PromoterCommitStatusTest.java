package io.releaseguard.engine.promotion;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseguard.engine.config.ConfigLoader;
import io.releaseguard.engine.health.HttpHealthProbe;
import io.releaseguard.engine.promotion.PromotionResult.Outcome;
import io.releaseguard.engine.state.FileStateStore;
import io.releaseguard.engine.state.PromotionStatus;
import io.releaseguard.engine.status.CommitStatus;
import io.releaseguard.engine.status.CommitStatuses;
import io.releaseguard.engine.testing.MutableClock;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The COMMIT_STATUS gate inside a promotion: it waits while a required status is pending and opens on success; it is
 * read again right before the first deploy; an emergency bypasses it only where the policy says so, and that is
 * audited.
 */
class PromoterCommitStatusTest {
    @TempDir
    Path tmp;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T15:00:00Z"));
    private final List<String> asked = new CopyOnWriteArrayList<>();
    private volatile List<CommitStatus> statuses = List.of();
    private LoopbackFleet world;
    private HttpHealthProbe probe;

    @BeforeEach
    void setUp() throws Exception {
        world = new LoopbackFleet(3, "sha-0000001");
        probe = new HttpHealthProbe();
    }

    @AfterEach
    void tearDown() {
        probe.close();
        world.close();
    }

    private Promoter promoter(Optional<CommitStatuses> port) throws Exception {
        return promoter(port, "");
    }

    private Promoter promoter(Optional<CommitStatuses> port, String morePolicy) throws Exception {
        String policy = world.policy()
                        .replace(
                                "  - name: testnet\n", "  - name: testnet\n    requiredStatuses: [ci/build, ci/test]\n")
                + morePolicy;
        var config = ConfigLoader.parse(policy, "policy.yaml", tmp);
        return new Promoter(TestPromotions.context(
                config, state(), tmp.resolve("state"), clock, probe, Map::of, clock::advance, port, line -> {}));
    }

    private FileStateStore state() throws Exception {
        return new FileStateStore(tmp.resolve("state"), clock);
    }

    private static PromotionResult promote(Promoter promoter, String release) throws Exception {
        return promoter.promote(
                new PromoteRequest(release, "testnet", "zoe", "tag:" + release, Optional.empty(), false));
    }

    private static PromotionResult emergency(Promoter promoter, String release) throws Exception {
        return promoter.promote(new PromoteRequest(
                release, "testnet", "zoe", "tag:" + release, Optional.of("INC-9: ledger down"), false));
    }

    private static final List<CommitStatus> GREEN =
            List.of(new CommitStatus("ci/build", "success"), new CommitStatus("ci/test", "success"));
    private static final List<CommitStatus> RED =
            List.of(new CommitStatus("ci/build", "success"), new CommitStatus("ci/test", "failure"));

    @Test
    void waitsWhileAStatusIsPendingThenPromotesOnceAllAreSuccess() throws Exception {
        Promoter promoter = promoter(Optional.of(ref -> {
            asked.add(ref);
            return statuses;
        }));
        statuses = List.of(new CommitStatus("ci/build", "success"), new CommitStatus("ci/test", "pending"));

        PromotionResult waiting = promote(promoter, "sha-abc1234");

        assertThat(waiting.outcome()).isEqualTo(Outcome.BLOCKED);
        assertThat(waiting.message())
                .contains("COMMIT_STATUS: abc1234: ci/build success, ci/test pending (waiting for required statuses");
        assertThat(world.appliedCount("t00", "sha-abc1234")).isZero();

        statuses = List.of(new CommitStatus("ci/build", "success"), new CommitStatus("ci/test", "success"));
        PromotionResult live = promote(promoter, "sha-abc1234");

        assertThat(live.outcome()).as(live.message()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(live.gates())
                .contains(new GateResult(
                        "COMMIT_STATUS",
                        GateResult.Verdict.OPEN,
                        "abc1234: ci/build success, ci/test success (all required statuses are success)"));
        assertThat(asked).containsOnly("abc1234");
    }

    @Test
    void aFailedStatusBlocksAndAnUnreadableOneBlocksWithTheReason() throws Exception {
        statuses = List.of(new CommitStatus("ci/build", "failure"), new CommitStatus("ci/test", "success"));
        PromotionResult failed = promote(promoter(Optional.of(ref -> statuses)), "v1.2.0");
        assertThat(failed.outcome()).isEqualTo(Outcome.BLOCKED);
        assertThat(failed.message()).contains("COMMIT_STATUS: v1.2.0: ci/build failure, ci/test success");

        PromotionResult unreadable = promote(
                promoter(Optional.of(ref -> {
                    throw new io.releaseguard.engine.ReleaseGuardException(
                            io.releaseguard.engine.ExitCode.UNEXPECTED, "GET x answered 401");
                })),
                "v1.2.0");
        assertThat(unreadable.message())
                .contains("COMMIT_STATUS: cannot read the statuses of v1.2.0: GET x answered 401");
    }

    @Test
    void requiredStatusesWithoutAForgeBlock() throws Exception {
        PromotionResult r = promote(promoter(Optional.empty()), "sha-abc1234");
        assertThat(r.outcome()).isEqualTo(Outcome.BLOCKED);
        assertThat(r.message())
                .contains("COMMIT_STATUS: testnet requires statuses ci/build, ci/test but no forge is configured");
    }

    @Test
    void aStatusThatTurnsRedAfterTheGatesIsCaughtRightBeforeTheFirstDeployAndNothingIsDeployed() throws Exception {
        Promoter promoter = promoter(Optional.of(ref -> {
            asked.add(ref);
            return asked.size() == 1 ? GREEN : statuses;
        }));
        statuses = RED;

        PromotionResult r = promote(promoter, "sha-abc1234");

        assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.BLOCKED);
        assertThat(r.exitCode().code()).isEqualTo(2);
        assertThat(r.message())
                .contains("COMMIT_STATUS: before the first deploy: abc1234: ci/build success, ci/test failure"
                        + " (a required status failed; fix the build or promote another commit)");
        assertThat(asked).hasSize(2);
        assertThat(world.deployRequests.get()).as("nothing deployed").isZero();
        assertThat(state().deployments("testnet")).isEmpty();
        assertThat(state().promotions(Optional.of("testnet"))).singleElement().satisfies(p -> assertThat(p.status())
                .isEqualTo(PromotionStatus.PENDING));
        assertThat(state().audit().read().records().stream()
                        .filter(e -> e.action().equals("gate.commit_status"))
                        .map(e -> e.verdict() + " " + e.reason()))
                .containsExactly(
                        "OPEN abc1234: ci/build success, ci/test success (all required statuses are success)",
                        "BLOCKED before the first deploy: abc1234: ci/build success, ci/test failure (a required"
                                + " status failed; fix the build or promote another commit)");

        statuses = GREEN;
        PromotionResult live = promote(promoter, "sha-abc1234");
        assertThat(live.outcome()).as(live.message()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(live.promotionId()).isEqualTo(r.promotionId());
        assertThat(live.gates())
                .filteredOn(g -> g.gate().equals("COMMIT_STATUS"))
                .extracting(GateResult::verdict)
                .containsExactly(GateResult.Verdict.OPEN, GateResult.Verdict.OPEN);
    }

    @Test
    void anEmergencyBypassesAFailedStatusOnlyWhenThePolicyAllowsItAndTheOverrideIsAudited() throws Exception {
        statuses = RED;
        Promoter strict =
                promoter(Optional.of(ref -> statuses), "emergency: { bypass: [approvals], requireReason: true }\n");
        PromotionResult refused = emergency(strict, "sha-abc1234");
        assertThat(refused.outcome()).isEqualTo(Outcome.BLOCKED);
        assertThat(refused.message()).contains("COMMIT_STATUS: abc1234: ci/build success, ci/test failure");
        assertThat(world.deployRequests.get()).isZero();

        Promoter lenient = promoter(
                Optional.of(ref -> statuses),
                "emergency: { bypass: [approvals, commitStatuses], requireReason: true }\n");
        PromotionResult live = emergency(lenient, "sha-abc1234");

        assertThat(live.outcome()).as(live.message()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(live.gates())
                .filteredOn(g -> g.gate().equals("COMMIT_STATUS"))
                .extracting(GateResult::verdict)
                .containsExactly(GateResult.Verdict.OVERRIDDEN, GateResult.Verdict.OVERRIDDEN);
        assertThat(state().audit().read().records().stream()
                        .filter(e -> e.action().equals("emergency.override")))
                .singleElement()
                .satisfies(e -> assertThat(e.reason())
                        .startsWith("INC-9: ledger down; bypassed: COMMIT_STATUS (overridden): abc1234: ci/build"
                                + " success, ci/test failure"));
        assertThat(live.review()).isPresent();
    }
}
