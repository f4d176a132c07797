package io.releaseguard.engine.approval;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseguard.engine.approval.ApprovalStatus.Reason;
import io.releaseguard.engine.approval.ApprovalStatus.State;
import io.releaseguard.engine.config.ApprovalPolicy;
import io.releaseguard.engine.state.ApprovalRecord;
import io.releaseguard.engine.state.Decision;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApprovalRulesTest {
    static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    static final String DIGEST = "sha256:aaa";
    static final Map<String, List<String>> GROUPS = Map.of(
            "leads", List.of("alice", "bob", "carol", "dave", "erin"),
            "qa", List.of("rafaella", "bob"),
            "sre", List.of("frank"));

    static ApprovalPolicy nOf(int n, String... reviewers) {
        return new ApprovalPolicy(
                Optional.of(n), List.of(reviewers), List.of(), true, Optional.of(Duration.ofHours(24)), true, true);
    }

    static ApprovalPolicy allOf(String... groups) {
        return new ApprovalPolicy(Optional.empty(), List.of(), List.of(groups), true, Optional.empty(), true, true);
    }

    private final List<ApprovalRecord> decisions = new ArrayList<>();

    private void approve(String user, Instant at) {
        decisions.add(new ApprovalRecord("p1", user, at, "", DIGEST, Decision.APPROVE));
    }

    private ApprovalStatus eval(ApprovalPolicy policy, Instant now) {
        return ApprovalRules.evaluate(policy, GROUPS, new Barred("zoe", List.of()), DIGEST, decisions, now);
    }

    @Test
    void twoOfAGroupAndAUser() {
        ApprovalPolicy policy = nOf(2, "group:leads", "frank");
        approve("alice", T0);
        ApprovalStatus one = eval(policy, T0);
        assertThat(one.state()).isEqualTo(State.PENDING);
        assertThat(one.message())
                .isEqualTo("awaiting approvals (1/2): approved by alice; needs 1 more from group:leads, frank");
        approve("frank", T0.plusSeconds(60));
        ApprovalStatus two = eval(policy, T0.plusSeconds(60));
        assertThat(two.state()).isEqualTo(State.APPROVED);
        assertThat(two.message()).isEqualTo("approved (2/2) by alice, frank");
    }

    @Test
    void allFiveLeadsMeansFiveDistinctPeople() {
        ApprovalPolicy policy = nOf(5, "group:leads");
        for (String u : List.of("alice", "bob", "carol", "dave")) {
            approve(u, T0);
        }
        approve("alice", T0.plusSeconds(5));
        assertThat(eval(policy, T0.plusSeconds(5)).state()).isEqualTo(State.PENDING);
        approve("erin", T0.plusSeconds(6));
        assertThat(eval(policy, T0.plusSeconds(6)).state()).isEqualTo(State.APPROVED);
    }

    @Test
    void theRequesterCannotApproveEvenIfAReviewer() {
        ApprovalPolicy policy = nOf(1, "zoe", "alice");
        approve("zoe", T0);
        ApprovalStatus s = eval(policy, T0);
        assertThat(s.state()).isEqualTo(State.PENDING);
        assertThat(s.ignored()).extracting(ApprovalStatus.Ignored::reason).containsExactly(Reason.SELF_APPROVAL);
    }

    @Test
    void nonReviewersExpiredAndOtherArtifactApprovalsDoNotCount() {
        ApprovalPolicy policy = nOf(1, "alice", "bob", "carol");
        approve("mallory", T0);
        approve("alice", T0.minus(Duration.ofHours(25)));
        decisions.add(new ApprovalRecord("p1", "bob", T0, "", "sha256:old", Decision.APPROVE));
        ApprovalStatus s = eval(policy, T0);
        assertThat(s.state()).isEqualTo(State.PENDING);
        assertThat(s.ignored())
                .extracting(ApprovalStatus.Ignored::reason)
                .containsExactly(Reason.NOT_A_REVIEWER, Reason.EXPIRED, Reason.OTHER_ARTIFACT);
        assertThat(s.ignored().get(2).message())
                .isEqualTo("bob decided on artifact sha256:old, not the current sha256:aaa");
    }

    @Test
    void expiryIsExactlyAtTheBoundary() {
        ApprovalPolicy policy = nOf(1, "alice");
        approve("alice", T0);
        assertThat(eval(policy, T0.plus(Duration.ofHours(24)).minusMillis(1)).state())
                .isEqualTo(State.APPROVED);
        assertThat(eval(policy, T0.plus(Duration.ofHours(24))).state()).isEqualTo(State.PENDING);
    }

    @Test
    void aRejectionRejectsAndTheLatestDecisionWins() {
        ApprovalPolicy policy = nOf(1, "alice", "bob");
        approve("alice", T0);
        decisions.add(new ApprovalRecord("p1", "bob", T0.plusSeconds(1), "breaks the API", DIGEST, Decision.REJECT));
        ApprovalStatus rejected = eval(policy, T0.plusSeconds(2));
        assertThat(rejected.state()).isEqualTo(State.REJECTED);
        assertThat(rejected.message()).isEqualTo("rejected by bob at 2026-11-24T10:00:01Z: breaks the API");
        approve("bob", T0.plusSeconds(3));
        assertThat(eval(policy, T0.plusSeconds(4)).state()).isEqualTo(State.APPROVED);
    }

    @Test
    void everyGroupNeedsItsOwnApprover() {
        ApprovalPolicy policy = allOf("leads", "qa");
        approve("bob", T0);
        ApprovalStatus s = eval(policy, T0);
        assertThat(s.state()).isEqualTo(State.PENDING);
        assertThat(s.message())
                .isEqualTo("awaiting approvals (1/2): approved by bob; needs one approval from each of: qa");
        approve("alice", T0);
        assertThat(eval(policy, T0).state()).isEqualTo(State.APPROVED);
    }
}
