package io.releaseguard.jenkins.promotion;

import static io.releaseguard.jenkins.TestPolicies.PROMOTION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.approval.ApprovalStatus;
import io.releaseguard.engine.node.SerializingNode;
import io.releaseguard.engine.state.Decision;
import io.releaseguard.jenkins.policy.PolicyRef;
import io.releaseguard.jenkins.policy.PolicySource;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Decisions on the approval page through the realm's id strategy and the real engine: who requested and who wrote
 * the release, as Jenkins knows them, cannot approve under another spelling, reviewers count under the policy's
 * spelling, and Jenkins's own identity approves nothing.
 */
class RealmDecisionsTest {
    private static final UserIds CASE_INSENSITIVE = BuildOriginTest.CASE_INSENSITIVE;
    private static final String POLICY = PROMOTION.replace("leads: [alice, bob, carol]", "leads: [alice, Bob, carol]");

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-24T15:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    /** Promotes to testnet and then to mainnet, which waits for two leads; returns the waiting promotion's id. */
    private String waitingPromotion(String requester, List<String> authors) throws Exception {
        PolicySource policy = policy();
        String id = null;
        for (String env : List.of("testnet", "mainnet")) {
            StepOutcome outcome = PromotionTask.promote(
                            "sha-abc1234", env, false, null, requester, authors, PolicyRef.global(), state())
                    .attempt(
                            policy,
                            new StepNode(new SerializingNode(), dir.toString()),
                            Map.of(),
                            clock,
                            d -> {},
                            line -> {});
            if (outcome instanceof StepOutcome.AwaitingApprovals a) {
                id = a.promotionId();
            }
        }
        return id;
    }

    private PolicySource policy() {
        return new PolicySource(POLICY, "release-guard.yaml", dir);
    }

    private Path state() {
        return dir.resolve("state");
    }

    private ApprovalStatus decide(String id, String user) throws ReleaseGuardException {
        ApprovalDesk desk = new ApprovalDesk(policy(), state(), clock);
        return desk.decide(id, desk.deciderId(id, user, CASE_INSENSITIVE), Decision.APPROVE, "");
    }

    @Test
    void aCaseInsensitiveRealmRefusesAliceApprovingAsAliceInCapitals() throws Exception {
        String id = waitingPromotion("alice", List.of());

        ReleaseGuardException e = assertThrows(ReleaseGuardException.class, () -> decide(id, "ALICE"));

        assertTrue(e.getMessage().startsWith("refused: alice requested this promotion"), e.getMessage());
        assertEquals(403, ApprovalDesk.httpStatus(e));
    }

    @Test
    void anAuthorJenkinsKnowsCannotApproveTheRelease() throws Exception {
        String id = waitingPromotion(BuildOrigin.NO_USER, List.of("carol"));

        ReleaseGuardException e = assertThrows(ReleaseGuardException.class, () -> decide(id, "Carol"));

        assertTrue(
                e.getMessage().startsWith("refused: carol authored the release (named in the request)"),
                e.getMessage());
    }

    @Test
    void aReviewerCountsOnceUnderTheirCanonicalIdWhateverCaseTheyLoggedInWith() throws Exception {
        String id = waitingPromotion("alice", List.of());

        ApprovalStatus status = decide(id, "bob");
        ApprovalStatus again = decide(id, "BOB");

        // Ids are kept in their canonical form (NFKC, case-folded), whatever the policy or the realm spelled.
        assertEquals(List.of("bob"), status.counted());
        assertEquals("1/2", ApprovalDesk.fraction(again), "the same reviewer twice is one approval");
    }

    @Test
    void systemCannotApproveABuildNoPersonRequested() throws Exception {
        String id = waitingPromotion(BuildOrigin.NO_USER, List.of());

        ReleaseGuardException e = assertThrows(ReleaseGuardException.class, () -> decide(id, "SYSTEM"));

        assertTrue(e.getMessage().contains("SYSTEM is Jenkins's own identity"), e.getMessage());
        assertEquals(403, ApprovalDesk.httpStatus(e));
    }

    @Test
    void theEngineItselfRefusesAnApprovalRecordedAsSystem() throws Exception {
        String id = waitingPromotion(BuildOrigin.NO_USER, List.of());
        ApprovalDesk desk = new ApprovalDesk(policy(), state(), clock);

        ReleaseGuardException e =
                assertThrows(ReleaseGuardException.class, () -> desk.decide(id, "SYSTEM", Decision.APPROVE, ""));

        assertTrue(e.getMessage().startsWith("refused: system requested this promotion"), e.getMessage());
        assertEquals("0/2", ApprovalDesk.fraction(desk.status(id)));
    }

    @Test
    void theAuthorsJenkinsKnowsAreKeptWithAPausedTaskAndRecordedOnThePromotion() throws Exception {
        PromotionTask task = PromotionTask.promote(
                "sha-abc1234", "mainnet", false, null, "alice", List.of("carol", "dave"), PolicyRef.global(), state());

        PromotionTask back = PromotionTaskTest.roundTrip(task);

        assertEquals(List.of("carol", "dave"), back.request().authors());
        assertEquals(task.request(), back.request());
        assertEquals("sha-abc1234 to mainnet, requested by alice (authors: carol, dave)", back.describe());
    }
}
