package io.releaseguard.jenkins.promotion;

import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.ReleaseGuardException;

/** The argument checks every release-guard step makes before it asks the engine anything. */
public final class StepArguments {
    private StepArguments() {}

    /** {@code value} when it is given, else an INVALID error naming the step and the argument. */
    public static String required(String function, String argument, String value) throws ReleaseGuardException {
        if (value == null || value.isBlank()) {
            throw invalid(function + ": '" + argument + "' is required");
        }
        return value;
    }

    static ReleaseGuardException invalid(String message) {
        return new ReleaseGuardException(ExitCode.INVALID, message);
    }
}
