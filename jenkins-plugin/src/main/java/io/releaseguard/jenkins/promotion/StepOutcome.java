package io.releaseguard.jenkins.promotion;

import io.releaseguard.engine.JsonReports;
import io.releaseguard.engine.promotion.PromotionResult;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a promotion step does with the engine's answer: return a value (the promotion is live), wait for reviewers
 * (blocked by nothing but missing approvals), come back when a parked soak ends, or fail with the engine's message, failing the whole build when a
 * check failed and rollback ran (or failed), since then production was touched. A release that is live but whose
 * images could not be retagged fails only the step: promoting it again finishes the retag and deploys nothing.
 */
public sealed interface StepOutcome {

    /** The step returns {@code value}: the result as a map of strings, the engine's full JSON under {@code json}. */
    record Finished(Map<String, Object> value) implements StepOutcome {}

    /** The step waits until reviewers' decisions settle {@code promotionId}; {@code message} says what is missing. */
    record AwaitingApprovals(String promotionId, String message) implements StepOutcome {}

    /**
     * A soak longer than {@link SoakParking#PARK_OVER}: the step holds no thread and the promotion no lock until
     * {@code until}, when the step promotes again.
     */
    record Waiting(String promotionId, Instant until, String message) implements StepOutcome {}

    /** The step fails with {@code message}; {@code failsBuild} marks the build FAILURE even if the error is caught. */
    record Failed(String message, boolean failsBuild) implements StepOutcome {}

    static StepOutcome of(PromotionResult r) {
        return switch (r.outcome()) {
            case SUCCEEDED -> new Finished(value(r));
            case BLOCKED -> r.awaitsApprovals()
                    ? new AwaitingApprovals(r.promotionId(), r.message())
                    : new Failed(r.renderText(), false);
            case HALTED -> new Failed(
                    r.renderText() + "\nresume it with " + PromotionTask.RESUME + "(promotion: '" + r.promotionId()
                            + "')",
                    false);
            case RETAG_FAILED -> new Failed(
                    r.renderText() + "\nthe release is live; promote the same release again to finish the retag",
                    false);
            case ROLLED_BACK, ROLLBACK_FAILED -> new Failed(r.renderText(), true);
            case WAITING -> new Waiting(r.promotionId(), r.waitingUntil().orElseThrow(), r.message());
        };
    }

    private static Map<String, Object> value(PromotionResult r) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("promotionId", r.promotionId());
        v.put("release", r.release());
        v.put("environment", r.environment());
        v.put("outcome", r.outcome().name());
        v.put("message", r.message());
        v.put("manifest", r.manifest().orElse(null));
        v.put("review", r.review().orElse(null));
        v.put("json", JsonReports.write(r));
        return v;
    }
}
