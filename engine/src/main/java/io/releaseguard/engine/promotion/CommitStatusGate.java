package io.releaseguard.engine.promotion;

import io.releaseguard.engine.health.BuildInfo;
import io.releaseguard.engine.promotion.GateResult.Verdict;
import io.releaseguard.engine.status.CommitStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The COMMIT_STATUS gate, a pure decision: OPEN when every required context's newest status on the release's commit
 * is {@code success}; PENDING when none failed but some are {@code pending} or not reported yet; BLOCKED when one is
 * anything else ({@code failure}, {@code error}, ...). The message names each required context with its state.
 */
final class CommitStatusGate {
    static final String GATE = "COMMIT_STATUS";

    private CommitStatusGate() {}

    /** The commit a release names: the SHA of a {@code sha-<hex>} tag, otherwise the tag itself. */
    static String ref(String release) {
        return BuildInfo.expectedSha(release);
    }

    static GateResult decide(String ref, List<String> required, List<CommitStatus> seen) {
        Verdict verdict = Verdict.OPEN;
        List<String> parts = new ArrayList<>();
        for (String context : required) {
            Optional<String> state = seen.stream()
                    .filter(s -> s.context().equals(context))
                    .map(CommitStatus::state)
                    .findFirst();
            String shown = state.orElse("missing");
            Verdict v = shown.equals("success")
                    ? Verdict.OPEN
                    : shown.equals("pending") || shown.equals("missing") ? Verdict.PENDING : Verdict.BLOCKED;
            verdict = v.compareTo(verdict) > 0 ? v : verdict;
            parts.add(context + " " + shown);
        }
        String expectation =
                switch (verdict) {
                    case OPEN -> "all required statuses are success";
                    case BLOCKED -> "a required status failed; fix the build or promote another commit";
                    default -> "waiting for required statuses to turn success";
                };
        return new GateResult(GATE, verdict, ref + ": " + String.join(", ", parts) + " (" + expectation + ")");
    }
}
