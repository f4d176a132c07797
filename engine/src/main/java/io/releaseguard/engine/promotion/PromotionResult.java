package io.releaseguard.engine.promotion;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.releaseguard.engine.ExitCode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * How a promotion ended, with the documented exit code: SUCCEEDED 0; BLOCKED or HALTED (a gate closed mid-way;
 * resumable) 2; ROLLED_BACK 4 (a check failed and the failing service was rolled back); RETAG_FAILED 4 (the release
 * is live and healthy, but an image was not retagged in the registry; running the promotion again retries the
 * retag); ROLLBACK_FAILED 5; WAITING 2 (a soak the {@link Soaker} parks: the promotion stopped at a journaled point,
 * holding no lock, and promoting it again at or after {@link #waitingUntil} continues it without redeploying anything).
 */
public record PromotionResult(
        String promotionId,
        String environment,
        String release,
        Outcome outcome,
        List<GateResult> gates,
        String message,
        Optional<String> manifest,
        Optional<String> review,
        // Left out of the JSON of every other outcome, so their reports read as before.
        @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<Instant> waitingUntil) {

    public PromotionResult {
        gates = List.copyOf(gates);
    }

    /** A result that waits for nothing: every outcome but WAITING. */
    public PromotionResult(
            String promotionId,
            String environment,
            String release,
            Outcome outcome,
            List<GateResult> gates,
            String message,
            Optional<String> manifest,
            Optional<String> review) {
        this(promotionId, environment, release, outcome, gates, message, manifest, review, Optional.empty());
    }

    /** The closed set of endings. */
    public enum Outcome {
        SUCCEEDED(ExitCode.OK),
        BLOCKED(ExitCode.BLOCKED),
        HALTED(ExitCode.BLOCKED),
        ROLLED_BACK(ExitCode.CHECK_FAILED),
        RETAG_FAILED(ExitCode.CHECK_FAILED),
        ROLLBACK_FAILED(ExitCode.ROLLBACK_FAILED),
        WAITING(ExitCode.BLOCKED);

        private final ExitCode exitCode;

        Outcome(ExitCode exitCode) {
            this.exitCode = exitCode;
        }

        public ExitCode exitCode() {
            return exitCode;
        }
    }

    public ExitCode exitCode() {
        return outcome.exitCode();
    }

    /** {@code OUTCOME: message}, then the manifest and post-incident review when there are any; for logs and errors. */
    public String renderText() {
        StringBuilder sb = new StringBuilder();
        sb.append(outcome).append(": ").append(message);
        manifest.ifPresent(m -> sb.append("\nmanifest: ").append(m));
        review.ifPresent(v -> sb.append("\npost-incident review: ").append(v));
        return sb.toString();
    }

    /**
     * Whether the promotion is blocked only because reviewers have not decided yet: every gate that stops it is
     * {@link GateResult#APPROVALS}, pending. Promoting again once decisions arrive may then go through; any other stop
     * (a freeze, a window, a rejection) stands until something else changes.
     */
    public boolean awaitsApprovals() {
        List<GateResult> stopping = gates.stream().filter(GateResult::stops).toList();
        return outcome == Outcome.BLOCKED
                && !stopping.isEmpty()
                && stopping.stream()
                        .allMatch(g ->
                                g.gate().equals(GateResult.APPROVALS) && g.verdict() == GateResult.Verdict.PENDING);
    }
}
