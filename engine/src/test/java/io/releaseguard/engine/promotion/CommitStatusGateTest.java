package io.releaseguard.engine.promotion;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseguard.engine.promotion.GateResult.Verdict;
import io.releaseguard.engine.status.CommitStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommitStatusGateTest {
    private static final List<String> REQUIRED = List.of("ci/build", "ci/test");

    @Test
    void theRefIsTheShaOfAShaTagAndOtherwiseTheTag() {
        assertThat(CommitStatusGate.ref("sha-abc1234")).isEqualTo("abc1234");
        assertThat(CommitStatusGate.ref("v1.2.0")).isEqualTo("v1.2.0");
    }

    @Test
    void openWhenEveryRequiredContextIsSuccessOthersIgnored() {
        GateResult g = CommitStatusGate.decide(
                "abc1234",
                REQUIRED,
                List.of(
                        new CommitStatus("ci/test", "success"),
                        new CommitStatus("lint", "failure"),
                        new CommitStatus("ci/build", "success")));
        assertThat(g)
                .isEqualTo(new GateResult(
                        "COMMIT_STATUS",
                        Verdict.OPEN,
                        "abc1234: ci/build success, ci/test success (all required statuses are success)"));
    }

    @Test
    void pendingWhenOneIsPendingOrMissing() {
        GateResult g = CommitStatusGate.decide("abc1234", REQUIRED, List.of(new CommitStatus("ci/build", "pending")));
        assertThat(g.verdict()).isEqualTo(Verdict.PENDING);
        assertThat(g.message())
                .isEqualTo("abc1234: ci/build pending, ci/test missing (waiting for required statuses to turn"
                        + " success)");
    }

    @Test
    void blockedWhenOneFailedOrErroredEvenIfAnotherIsPending() {
        GateResult g = CommitStatusGate.decide(
                "v1.2.0",
                REQUIRED,
                List.of(new CommitStatus("ci/build", "error"), new CommitStatus("ci/test", "pending")));
        assertThat(g.verdict()).isEqualTo(Verdict.BLOCKED);
        assertThat(g.message()).startsWith("v1.2.0: ci/build error, ci/test pending (a required status failed");
    }

    @Test
    void theNewestStatusOfAContextCounts() {
        GateResult g = CommitStatusGate.decide(
                "abc1234",
                List.of("ci/build"),
                List.of(new CommitStatus("ci/build", "success"), new CommitStatus("ci/build", "failure")));
        assertThat(g.verdict()).isEqualTo(Verdict.OPEN);
    }
}
