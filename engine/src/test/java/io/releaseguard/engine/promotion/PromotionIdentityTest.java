package io.releaseguard.engine.promotion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.approval.ApprovalStatus;
import io.releaseguard.engine.approval.Approvals;
import io.releaseguard.engine.config.ConfigLoader;
import io.releaseguard.engine.config.ReleaseGuardConfig;
import io.releaseguard.engine.health.HttpHealthProbe;
import io.releaseguard.engine.state.Decision;
import io.releaseguard.engine.state.FileStateStore;
import io.releaseguard.engine.testing.MutableClock;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12 item 17: a requester or approver id is compared in its canonical form (NFKC, case-folded), and an id with
 * whitespace, control or invisible characters is refused before anything is recorded, so no spelling of alice lets
 * alice approve her own promotion.
 */
class PromotionIdentityTest {
    @TempDir
    Path tmp;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T15:00:00Z"));
    private final HttpHealthProbe probe = new HttpHealthProbe();
    private FileStateStore state;
    private Promoter promoter;
    private Approvals approvals;

    @BeforeEach
    void setUp() throws Exception {
        ReleaseGuardConfig config = ConfigLoader.parse(
                """
                version: 1
                groups: { leads: [Alice, bob] }
                environments:
                  - name: mainnet
                    approvals: { required: 1, reviewers: [group:leads, carol] }
                """,
                "release-guard.yaml",
                tmp);
        state = new FileStateStore(tmp.resolve("state"), clock);
        promoter = new Promoter(TestPromotions.context(
                config, state, tmp.resolve("state"), clock, probe, Map::of, clock::advance, Optional.empty(), l -> {}));
        approvals = new Approvals(config, state, clock);
    }

    @AfterEach
    void tearDown() {
        probe.close();
    }

    private PromotionResult promote(String requester, String... authors) throws ReleaseGuardException {
        return promoteRelease("v1.0.0", requester, authors);
    }

    private PromotionResult promoteRelease(String release, String requester, String... authors)
            throws ReleaseGuardException {
        return promoter.promote(new PromoteRequest(
                release, "mainnet", requester, "tag:" + release, Optional.empty(), false, List.of(authors)));
    }

    @Test
    void aFullWidthRequesterIsAliceAndAliceCannotApprove() throws Exception {
        String id = promote("ａｌｉｃｅ").promotionId();

        assertThat(state.promotion(id).orElseThrow().requestedBy()).isEqualTo("alice");
        assertThatThrownBy(() -> approvals.decide(id, "alice", Decision.APPROVE, ""))
                .isInstanceOfSatisfying(ReleaseGuardException.class, e -> assertThat(e.exitCode())
                        .isEqualTo(ExitCode.BLOCKED))
                .hasMessageStartingWith("refused: alice requested this promotion and cannot approve it");
        assertThatThrownBy(() -> approvals.decide(id, "ALICE", Decision.APPROVE, ""))
                .hasMessageStartingWith("refused: alice requested this promotion");
        assertThat(approvals.eligibleReviewers(id)).containsExactly("bob", "carol");
        assertThat(state.approvals(id)).isEmpty();
    }

    @Test
    void idsWithWhitespaceControlOrInvisibleCharactersAreRefusedAndNothingIsRecorded() throws Exception {
        for (String bad : List.of(" alice", "alice ", "alice\u200b", "alice\nbob", "al\u00a0ice", "alice\u0000")) {
            assertThatThrownBy(() -> promote(bad))
                    .as("requester %s", bad.replace("\n", "\\n"))
                    .isInstanceOfSatisfying(ReleaseGuardException.class, e -> assertThat(e.exitCode())
                            .isEqualTo(ExitCode.INVALID))
                    .hasMessageContaining("requester")
                    .hasMessageContaining("user ids cannot contain whitespace, control or invisible characters");
        }
        assertThat(state.promotions(Optional.empty())).isEmpty();
        assertThat(state.audit().read().records()).isEmpty();

        String id = promote("zoe", "ｄａｖｅ").promotionId();
        assertThat(state.promotion(id).orElseThrow().authors().get(0).name()).isEqualTo("dave");
        assertThatThrownBy(() -> approvals.decide(id, "bob\u200b", Decision.APPROVE, ""))
                .isInstanceOfSatisfying(ReleaseGuardException.class, e -> assertThat(e.exitCode())
                        .isEqualTo(ExitCode.INVALID))
                .hasMessage("approver \"bob\\u200b\" contains U+200B (a format character) at position 4; user ids"
                        + " cannot contain whitespace, control or invisible characters");
        assertThat(state.approvals(id)).isEmpty();
        assertThatThrownBy(() -> promoteRelease("v1.0.1", "zoe", "eve\tmallory"))
                .hasMessageStartingWith("author \"eve\\tmallory\"");
    }

    @Test
    void reviewerListsAndGroupsAreComparedInCanonicalForm() throws Exception {
        String id = promote("zoe").promotionId();

        ApprovalStatus status = approvals.decide(id, "ＡＬＩＣＥ", Decision.APPROVE, "");

        assertThat(status.state()).isEqualTo(ApprovalStatus.State.APPROVED);
        assertThat(status.counted()).containsExactly("alice");
        assertThat(state.approvals(id)).singleElement().satisfies(a -> assertThat(a.userId())
                .isEqualTo("alice"));
    }
}
