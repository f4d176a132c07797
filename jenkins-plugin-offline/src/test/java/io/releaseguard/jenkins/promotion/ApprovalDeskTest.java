package io.releaseguard.jenkins.promotion;

import static io.releaseguard.jenkins.TestPolicies.PROMOTION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.approval.ApprovalStatus;
import io.releaseguard.engine.audit.AuditRecord;
import io.releaseguard.engine.node.SerializingNode;
import io.releaseguard.engine.state.Decision;
import io.releaseguard.engine.state.FileStateStore;
import io.releaseguard.jenkins.policy.PolicyRef;
import io.releaseguard.jenkins.policy.PolicySource;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Decisions from the approval page go through the engine, as the user Jenkins says is logged in. */
class ApprovalDeskTest {
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-24T15:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private ApprovalDesk desk;
    private String promotionId;

    @BeforeEach
    void aPromotionWaitsForApprovals() throws Exception {
        PolicySource policy = new PolicySource(PROMOTION, "release-guard.yaml", dir);
        for (String env : List.of("testnet", "mainnet")) {
            StepOutcome outcome = PromotionTask.promote(
                            "sha-abc1234", env, false, null, "alice", PolicyRef.global(), dir.resolve("state"))
                    .attempt(
                            policy,
                            new StepNode(new SerializingNode(), dir.toString()),
                            Map.of(),
                            clock,
                            d -> {},
                            line -> {});
            if (outcome instanceof StepOutcome.AwaitingApprovals a) {
                promotionId = a.promotionId();
            }
        }
        desk = new ApprovalDesk(policy, dir.resolve("state"), clock);
    }

    private List<AuditRecord> audit() throws Exception {
        return new FileStateStore(dir.resolve("state"), clock)
                .audit().read().records().stream()
                        .filter(r -> r.action().startsWith("approval."))
                        .toList();
    }

    @Test
    void theRequestersOwnApprovalIsRefusedAndAudited() throws Exception {
        ReleaseGuardException e = assertThrows(
                ReleaseGuardException.class, () -> desk.decide(promotionId, "alice", Decision.APPROVE, "mine"));

        assertTrue(e.getMessage().startsWith("refused: alice requested this promotion"), e.getMessage());
        assertTrue(e.getMessage().contains("administrators included"), e.getMessage());
        assertEquals(403, ApprovalDesk.httpStatus(e));
        AuditRecord refusal = audit().get(0);
        assertEquals(
                List.of("alice", "approval.approve", "REFUSED"),
                List.of(refusal.actor(), refusal.action(), refusal.verdict()));
        assertEquals("0/2", ApprovalDesk.fraction(desk.status(promotionId)));
    }

    @Test
    void aReviewersApprovalCountsUnderTheirOwnName() throws Exception {
        ApprovalStatus status = desk.decide(promotionId, "bob", Decision.APPROVE, "lgtm");

        assertEquals(ApprovalStatus.State.PENDING, status.state());
        assertEquals("1/2", ApprovalDesk.fraction(status));
        assertEquals(List.of("bob"), status.counted());
        AuditRecord approval = audit().get(0);
        assertEquals(
                List.of("bob", "approval.approve", "PENDING", "lgtm"),
                List.of(approval.actor(), approval.action(), approval.verdict(), approval.reason()));
    }

    @Test
    void whoseDecisionCountsLeavesOutTheRequester() throws Exception {
        assertEquals(List.of("bob", "carol"), desk.eligibleReviewers(promotionId));
    }

    @Test
    void aNonReviewerIsRefusedAndARejectionNeedsAComment() throws Exception {
        ReleaseGuardException outsider = assertThrows(
                ReleaseGuardException.class, () -> desk.decide(promotionId, "mallory", Decision.APPROVE, ""));
        ReleaseGuardException silent =
                assertThrows(ReleaseGuardException.class, () -> desk.decide(promotionId, "bob", Decision.REJECT, "  "));

        assertTrue(outsider.getMessage().startsWith("refused: mallory is not a reviewer"), outsider.getMessage());
        assertEquals(403, ApprovalDesk.httpStatus(outsider));
        assertEquals("a rejection needs a comment (--comment) saying why", silent.getMessage());
        assertEquals(400, ApprovalDesk.httpStatus(silent));
    }

    @Test
    void twoApprovalsSettleThePromotion() throws Exception {
        desk.decide(promotionId, "bob", Decision.APPROVE, "");
        ApprovalStatus status = desk.decide(promotionId, "carol", Decision.APPROVE, "");

        assertEquals(ApprovalStatus.State.APPROVED, status.state());
        assertEquals("approved (2/2) by bob, carol", status.message());
    }

    @Test
    void onlyEngineIdsAreTakenFromAUrl() {
        assertEquals(
                Optional.of("mainnet-sha-abc1234-20261124-150000"),
                ApprovalDesk.promotionId("mainnet-sha-abc1234-20261124-150000"));
        for (String bad : new String[] {
            null,
            "",
            "..",
            "../config.xml",
            "a/b",
            "a\\b",
            ".hidden",
            "x..y",
            "<script>alert(1)</script>",
            "mainnet sha",
            "%2e%2e",
            "x".repeat(129)
        }) {
            assertEquals(Optional.empty(), ApprovalDesk.promotionId(bad), String.valueOf(bad));
        }
    }
}
