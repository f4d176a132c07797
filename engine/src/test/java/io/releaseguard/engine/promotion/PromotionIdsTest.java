package io.releaseguard.engine.promotion;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseguard.engine.approval.Approvals;
import io.releaseguard.engine.config.ConfigLoader;
import io.releaseguard.engine.config.ReleaseGuardConfig;
import io.releaseguard.engine.deploy.DeployOutcome;
import io.releaseguard.engine.health.HttpHealthProbe;
import io.releaseguard.engine.promotion.PromotionResult.Outcome;
import io.releaseguard.engine.state.Decision;
import io.releaseguard.engine.state.FileStateStore;
import io.releaseguard.engine.state.PendingPromotion;
import io.releaseguard.engine.state.StateIds;
import io.releaseguard.engine.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Promotion ids are unique by construction and never shared by two requests, whatever the release name's length. */
class PromotionIdsTest {
    /** 127 characters: "env-release" is cut at 128 before the time part could fit. */
    private static final String LONG = "v" + "1234567890".repeat(12) + "abcdef";

    @TempDir
    Path tmp;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T15:00:00Z"));
    private final List<String> deployed = new CopyOnWriteArrayList<>();
    private HttpHealthProbe probe;
    private FileStateStore state;
    private ReleaseGuardConfig config;
    private Promoter promoter;

    @BeforeEach
    void setUp() throws Exception {
        probe = new HttpHealthProbe();
        config = ConfigLoader.parse(
                """
                version: 1
                environments:
                  - name: testnet
                  - name: mainnet
                    approvals: { required: 1, reviewers: [bob, carol] }
                services:
                  - name: api
                """,
                "policy.yaml",
                tmp);
        state = new FileStateStore(tmp.resolve("state"), clock);
        promoter = new Promoter(TestPromotions.context(
                config,
                state,
                tmp.resolve("state"),
                clock,
                probe,
                Map::of,
                clock::advance,
                Optional.empty(),
                line -> {},
                s -> r -> {
                    deployed.add(r.environment() + " " + r.release());
                    return new DeployOutcome(true, "deployed");
                },
                Optional.empty()));
    }

    @AfterEach
    void tearDown() {
        probe.close();
    }

    private PromotionResult promote(String release, String env, String digest, boolean rollback) throws Exception {
        return promoter.promote(new PromoteRequest(release, env, "zoe", digest, Optional.empty(), rollback));
    }

    @Test
    void twoLongReleaseNamesSharingTheirFirst128CharactersAreTwoPromotionsAndBothDeploy() throws Exception {
        String first = LONG.substring(0, 126) + "a";
        String second = LONG.substring(0, 126) + "b";

        PromotionResult a = promote(first, "testnet", "tag:" + first, false);
        clock.advance(Duration.ofMinutes(5));
        PromotionResult b = promote(second, "testnet", "tag:" + second, false);

        assertThat(a.outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(b.outcome()).as(b.message()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(b.promotionId()).isNotEqualTo(a.promotionId());
        assertThat(deployed).containsExactly("testnet " + first, "testnet " + second);
        for (PendingPromotion p : state.promotions(Optional.empty())) {
            assertThat(StateIds.requireSafe("promotion", p.id())).hasSizeLessThanOrEqualTo(128);
            assertThat(p.id()).contains("-20261124-15");
        }
    }

    @Test
    void twoRequestsForOneReleaseWithDifferentDigestsInTheSameSecondGetTheirOwnPromotions() throws Exception {
        assertThat(promote("v1", "testnet", "tag:v1", false).outcome()).isEqualTo(Outcome.SUCCEEDED);
        PromotionResult a = promote("v1", "mainnet", "sha256:" + "a".repeat(64), false);
        PromotionResult b = promote("v1", "mainnet", "sha256:" + "b".repeat(64), false);

        assertThat(a.awaitsApprovals()).as(a.message()).isTrue();
        assertThat(b.awaitsApprovals()).isTrue();
        assertThat(b.promotionId()).isNotEqualTo(a.promotionId());
        assertThat(state.promotions(Optional.of("mainnet")))
                .extracting(PendingPromotion::artifactDigest)
                .containsExactlyInAnyOrder("sha256:" + "a".repeat(64), "sha256:" + "b".repeat(64));
        assertThat(promote("v1", "mainnet", "sha256:" + "a".repeat(64), false).promotionId())
                .as("the same request again finds its pending promotion")
                .isEqualTo(a.promotionId());
        assertThat(state.promotions(Optional.of("mainnet"))).hasSize(2);
    }

    @Test
    void aRollbackToAnEarlierLongReleaseNeedsNewApprovals() throws Exception {
        String old = LONG;
        assertThat(promote(old, "testnet", "tag:" + old, false).outcome()).isEqualTo(Outcome.SUCCEEDED);
        PromotionResult waiting = promote(old, "mainnet", "tag:" + old, false);
        new Approvals(config, state, clock).decide(waiting.promotionId(), "bob", Decision.APPROVE, "ok");
        assertThat(promote(old, "mainnet", "tag:" + old, false).outcome()).isEqualTo(Outcome.SUCCEEDED);
        clock.advance(Duration.ofHours(1));
        assertThat(promote("v2", "testnet", "tag:v2", false).outcome()).isEqualTo(Outcome.SUCCEEDED);
        PromotionResult v2 = promote("v2", "mainnet", "tag:v2", false);
        new Approvals(config, state, clock).decide(v2.promotionId(), "carol", Decision.APPROVE, "ok");
        assertThat(promote("v2", "mainnet", "tag:v2", false).outcome()).isEqualTo(Outcome.SUCCEEDED);
        clock.set(Instant.parse("2026-11-24T15:00:30Z"));

        PromotionResult back = promote(old, "mainnet", "tag:" + old, true);

        assertThat(back.promotionId()).isNotEqualTo(waiting.promotionId());
        assertThat(back.awaitsApprovals()).as(back.message()).isTrue();
        assertThat(state.approvals(back.promotionId())).isEmpty();
        assertThat(deployed).containsExactly("testnet " + old, "mainnet " + old, "testnet v2", "mainnet v2");
    }

    @Test
    void theTimeDigestAndRandomPartsAreNeverCutAndTheDigestCoversReleaseDigestAndRequester() {
        PromotionIds ids = new PromotionIds(new Random(1));
        Instant at = Instant.parse("2026-11-24T15:00:00Z");
        String a = ids.next("mainnet", LONG, "tag:x", "zoe", at);
        String b = new PromotionIds(new Random(1)).next("mainnet", LONG, "tag:y", "zoe", at);
        String c = new PromotionIds(new Random(1)).next("mainnet", LONG, "tag:x", "amy", at);

        assertThat(a).hasSize(128).matches("mainnet-v1234.*-20261124-150000-[0-9a-f]{10}-[0-9a-f]{8}");
        assertThat(b).isNotEqualTo(a);
        assertThat(c).isNotEqualTo(a);
        assertThat(ids.next("mainnet", LONG, "tag:x", "zoe", at)).isNotEqualTo(a);
        assertThat(new PromotionIds().next("testnet", "v1..2+build.5", "tag:x", "zoe", at))
                .startsWith("testnet-v1_2_build.5-20261124-150000-");
    }
}
