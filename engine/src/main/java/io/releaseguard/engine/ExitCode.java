package io.releaseguard.engine;

/**
 * The documented process exit codes shared by the CLI and the Jenkins steps. The numbers are a public contract:
 * pipelines branch on them, so they never change meaning.
 */
public enum ExitCode {
    /** Success, or the gate is open. */
    OK(0),
    /** An unexpected error: a bug or an environment failure nobody planned for. */
    UNEXPECTED(1),
    /** A policy gate blocked the action (freeze, window, interval, approvals, lock). */
    BLOCKED(2),
    /** The configuration or the arguments are invalid; nothing was changed. */
    INVALID(3),
    /**
     * A health or regression check failed (and rollback ran), or a live release's images could not be retagged in the
     * registry (nothing is rolled back; running the promotion again retries the retag).
     */
    CHECK_FAILED(4),
    /** Rollback itself failed: a human is needed. */
    ROLLBACK_FAILED(5);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
