package io.releaseguard.jenkins.promotion;

import io.releaseguard.engine.JsonReports;
import io.releaseguard.engine.promotion.PromotionResult;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a promotion step does with the engine's answer: return a value (the promotion is live), wait for reviewers
 * (blocked by nothing but missing approvals), or fail with the engine's message, failing the whole build when a
 * check failed and rollback ran (or failed), since then production was touched.
 */
public sealed interface StepOutcome {

    /** The step returns {@code value}: the result as a map of strings, the engine's full JSON under {@code json}. */
    record Finished(Map<String, Object> value) implements StepOutcome {}

    /** The step waits until reviewers' decisions settle {@code promotionId}; {@code message} says what is missing. */
    record AwaitingApprovals(String promotionId, String message) implements StepOutcome {}

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
            case ROLLED_BACK, RETAG_FAILED, ROLLBACK_FAILED -> new Failed(r.renderText(), true);
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
