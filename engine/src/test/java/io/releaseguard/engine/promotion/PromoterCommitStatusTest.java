package io.releaseguard.engine.promotion;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseguard.engine.config.ConfigLoader;
import io.releaseguard.engine.health.HttpHealthProbe;
import io.releaseguard.engine.promotion.PromotionResult.Outcome;
import io.releaseguard.engine.state.FileStateStore;
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

/** The COMMIT_STATUS gate inside a promotion: it waits while a required status is pending and opens on success. */
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
        String policy = world.policy()
                .replace("  - name: testnet\n", "  - name: testnet\n    requiredStatuses: [ci/build, ci/test]\n");
        var config = ConfigLoader.parse(policy, "policy.yaml", tmp);
        return new Promoter(TestPromotions.context(
                config,
                new FileStateStore(tmp.resolve("state"), clock),
                tmp.resolve("state"),
                clock,
                probe,
                Map::of,
                clock::advance,
                port,
                line -> {}));
    }

    private static PromotionResult promote(Promoter promoter, String release) throws Exception {
        return promoter.promote(
                new PromoteRequest(release, "testnet", "zoe", "tag:" + release, Optional.empty(), false));
    }

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
}
