package io.releaseguard.engine.promotion;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseguard.engine.config.ConfigLoader;
import io.releaseguard.engine.health.HttpHealthProbe;
import io.releaseguard.engine.pir.Incident;
import io.releaseguard.engine.pir.PostIncidentReview;
import io.releaseguard.engine.pir.PostIncidentReviews;
import io.releaseguard.engine.promotion.PromotionResult.Outcome;
import io.releaseguard.engine.state.FileStateStore;
import io.releaseguard.engine.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The emergency lane and the release-order rule, end to end through the promoter. */
class PromoterGatesTest {
    @TempDir
    Path tmp;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T15:00:00Z"));
    private LoopbackFleet world;
    private HttpHealthProbe probe;
    private Promoter promoter;

    @BeforeEach
    void setUp() throws Exception {
        world = new LoopbackFleet(3, "sha-0000001");
        probe = new HttpHealthProbe();
        String policy = world.policy()
                + """
                emergency:
                  bypass: [approvals]
                  requireReason: true
                """;
        var config = ConfigLoader.parse(policy, "policy.yaml", tmp);
        var state = new FileStateStore(tmp.resolve("state"), clock);
        promoter = new Promoter(TestPromotions.context(
                config,
                state,
                tmp.resolve("state"),
                clock,
                probe,
                Map::of,
                d -> clock.advance(d),
                Optional.empty(),
                line -> {}));
    }

    @AfterEach
    void tearDown() {
        probe.close();
        world.close();
    }

    private PromotionResult promote(String release, String env, Optional<String> emergency, boolean rollback)
            throws Exception {
        clock.advance(Duration.ofMinutes(1));
        return promoter.promote(new PromoteRequest(release, env, "zoe", "tag:" + release, emergency, rollback));
    }

    @Test
    void anEmergencyBypassesApprovalsOpensAReviewAndBlocksTheNextNormalPromotionUntilItIsClosed() throws Exception {
        assertThat(promote("sha-1111111", "testnet", Optional.empty(), false).outcome())
                .isEqualTo(Outcome.SUCCEEDED);
        PromotionResult emergency = promote("sha-1111111", "mainnet", Optional.of("INC-7: ledger outage"), false);
        assertThat(emergency.outcome()).as(emergency.message()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(emergency.gates())
                .anyMatch(g -> g.gate().equals("APPROVALS") && g.verdict() == GateResult.Verdict.OVERRIDDEN);
        PostIncidentReviews reviews = new PostIncidentReviews(tmp.resolve("state"), clock);
        List<PostIncidentReview> open = reviews.open();
        assertThat(open).singleElement().satisfies(r -> assertThat(r.kind())
                .isEqualTo(Incident.Kind.EMERGENCY_OVERRIDE));

        assertThat(promote("sha-2222222", "testnet", Optional.empty(), false).outcome())
                .isEqualTo(Outcome.SUCCEEDED);
        PromotionResult normal = promote("sha-2222222", "mainnet", Optional.empty(), false);
        assertThat(normal.outcome()).isEqualTo(Outcome.BLOCKED);
        assertThat(normal.message()).contains("REVIEW: close the open post-incident review(s) first");

        reviews.close(open.get(0).id(), "alice");
        PromotionResult after = promote("sha-2222222", "mainnet", Optional.empty(), false);
        assertThat(after.message()).doesNotContain("REVIEW").contains("APPROVALS: awaiting approvals (0/1)");
    }

    @Test
    void anEmergencyWithoutTheRequiredReasonIsInvalidAndChangesNothing() throws Exception {
        assertThat(promote("sha-1111111", "testnet", Optional.empty(), false).outcome())
                .isEqualTo(Outcome.SUCCEEDED);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> promote("sha-1111111", "mainnet", Optional.of(""), false))
                .hasMessageContaining("needs a reason");
        assertThat(new FileStateStore(tmp.resolve("state"), clock).promotions(Optional.of("mainnet")))
                .isEmpty();
    }

    @Test
    void anOlderReleaseThanTheLiveOneNeedsAnExplicitRollback() throws Exception {
        assertThat(promote("sha-1111111", "testnet", Optional.empty(), false).outcome())
                .isEqualTo(Outcome.SUCCEEDED);
        assertThat(promote("sha-2222222", "testnet", Optional.empty(), false).outcome())
                .isEqualTo(Outcome.SUCCEEDED);
        PromotionResult older = promote("sha-1111111", "testnet", Optional.empty(), false);
        assertThat(older.outcome()).isEqualTo(Outcome.BLOCKED);
        assertThat(older.message()).contains("RELEASE_ORDER").contains("an older release needs --rollback");
        PromotionResult rollback = promote("sha-1111111", "testnet", Optional.empty(), true);
        assertThat(rollback.outcome()).as(rollback.message()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(world.tenants.stream().map(world.versions::get)).containsOnly("sha-1111111");
    }
}
