package io.releaseguard.jenkins.promotion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.releaseguard.engine.promotion.GateResult;
import io.releaseguard.engine.promotion.GateResult.Verdict;
import io.releaseguard.engine.promotion.PromotionResult;
import io.releaseguard.engine.promotion.PromotionResult.Outcome;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How each ending of a promotion becomes what the step does. */
class StepOutcomeTest {
    private static final String ID = "mainnet-sha-abc1234-20261124-150000";
    private static final GateResult AWAITING =
            new GateResult(GateResult.APPROVALS, Verdict.PENDING, "awaiting approvals (0/2): none yet");
    private static final GateResult WINDOW =
            new GateResult("WINDOW", Verdict.BLOCKED, "outside the deploy window TUE-THU 14:00-18:00");

    private static PromotionResult result(Outcome outcome, List<GateResult> gates, String message) {
        return new PromotionResult(
                ID, "mainnet", "sha-abc1234", outcome, gates, message, Optional.empty(), Optional.empty());
    }

    @Test
    void onlyMissingApprovalsAreWaitedFor() {
        StepOutcome.AwaitingApprovals waiting = assertInstanceOf(
                StepOutcome.AwaitingApprovals.class,
                StepOutcome.of(result(Outcome.BLOCKED, List.of(AWAITING), "promotion blocked")));

        assertEquals(ID, waiting.promotionId());
        assertEquals("promotion blocked", waiting.message());
    }

    @Test
    void anyOtherBlockFailsTheStepWithTheEnginesMessage() {
        StepOutcome.Failed failed = assertInstanceOf(
                StepOutcome.Failed.class,
                StepOutcome.of(result(Outcome.BLOCKED, List.of(AWAITING, WINDOW), "promotion blocked:\n  WINDOW")));

        assertEquals("BLOCKED: promotion blocked:\n  WINDOW", failed.message());
        assertEquals(false, failed.failsBuild());
    }

    @Test
    void aHaltNamesTheStepThatResumesIt() {
        StepOutcome.Failed failed = assertInstanceOf(
                StepOutcome.Failed.class, StepOutcome.of(result(Outcome.HALTED, List.of(), "halted by KILL_SWITCH")));

        assertEquals(
                "HALTED: halted by KILL_SWITCH\nresume it with releaseGuardResume(promotion: '" + ID + "')",
                failed.message());
        assertEquals(false, failed.failsBuild());
    }

    @Test
    void failedChecksFailTheBuildWhetherOrNotRollbackWorked() {
        for (Outcome outcome : List.of(Outcome.ROLLED_BACK, Outcome.ROLLBACK_FAILED)) {
            StepOutcome.Failed failed = assertInstanceOf(
                    StepOutcome.Failed.class, StepOutcome.of(result(outcome, List.of(), "health FAIL for api")));

            assertEquals(outcome + ": health FAIL for api", failed.message());
            assertEquals(true, failed.failsBuild());
        }
    }

    @Test
    void aFailedRetagFailsTheBuildLikeTheCliExitCode4() {
        StepOutcome.Failed failed = assertInstanceOf(
                StepOutcome.Failed.class,
                StepOutcome.of(result(Outcome.RETAG_FAILED, List.of(), "live, but retagging api failed")));

        assertEquals("RETAG_FAILED: live, but retagging api failed", failed.message());
        assertEquals(true, failed.failsBuild());
    }

    @Test
    void aLivePromotionIsReturned() {
        StepOutcome.Finished live = assertInstanceOf(
                StepOutcome.Finished.class,
                StepOutcome.of(result(Outcome.SUCCEEDED, List.of(), "sha-abc1234 is live in mainnet")));

        assertEquals(ID, live.value().get("promotionId"));
        assertEquals("SUCCEEDED", live.value().get("outcome"));
    }
}
