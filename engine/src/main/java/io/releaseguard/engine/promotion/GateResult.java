package io.releaseguard.engine.promotion;

/**
 * One gate's verdict for a promotion, with a message that shows what was observed against the policy. A gate an
 * emergency bypassed is OVERRIDDEN (recorded, never silently open).
 */
public record GateResult(String gate, Verdict verdict, String message) {
    /** The gate that waits for reviewers' decisions. */
    public static final String APPROVALS = "APPROVALS";

    /** Worst-wins order: OPEN &lt; OVERRIDDEN &lt; PENDING &lt; BLOCKED. */
    public enum Verdict {
        OPEN,
        OVERRIDDEN,
        PENDING,
        BLOCKED
    }

    public boolean stops() {
        return verdict == Verdict.PENDING || verdict == Verdict.BLOCKED;
    }

    /** {@code GATE: message} for logs and errors. */
    public String describe() {
        return gate + (verdict == Verdict.OVERRIDDEN ? " (overridden)" : "") + ": " + message;
    }
}
