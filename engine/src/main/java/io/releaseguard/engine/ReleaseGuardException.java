package io.releaseguard.engine;

/**
 * The engine's one checked root exception. Each edge maps it exactly once: the CLI to an exit code and a one-line
 * {@code error:} message, Jenkins to an {@code AbortException}. The exit code travels with the exception so the
 * mapping is decided where the failure is understood.
 */
public class ReleaseGuardException extends Exception {
    private static final long serialVersionUID = 1L;

    private final ExitCode exitCode;

    public ReleaseGuardException(ExitCode exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public ReleaseGuardException(ExitCode exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public ExitCode exitCode() {
        return exitCode;
    }
}
