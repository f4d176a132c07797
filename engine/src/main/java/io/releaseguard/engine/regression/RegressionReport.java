package io.releaseguard.engine.regression;

import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.health.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of one regression evaluation for a release in an environment: the windows compared, each provider's
 * verdict, and the worst of them. Serialised with {@link io.releaseguard.engine.JsonReports} it is the {@code
 * regression --json} output.
 */
public record RegressionReport(
        String environment,
        Optional<String> release,
        List<String> services,
        Instant deployAt,
        Instant baselineStart,
        Instant afterStart,
        Instant afterEnd,
        Verdict verdict,
        List<SignalResult> signals) {
    public RegressionReport {
        services = List.copyOf(services);
        signals = List.copyOf(signals);
    }

    /**
     * The documented exit code: 0 on PASS, 4 on FAIL (a regression), and 2 on INCONCLUSIVE: the gate stays closed
     * until someone decides, as a policy block would.
     */
    public ExitCode exitCode() {
        return exitCodeFor(verdict);
    }

    /** The exit code for a regression verdict (also the worst of several follow-ups). */
    public static ExitCode exitCodeFor(Verdict verdict) {
        return switch (verdict) {
            case PASS, WARN -> ExitCode.OK;
            case INCONCLUSIVE -> ExitCode.BLOCKED;
            case FAIL -> ExitCode.CHECK_FAILED;
        };
    }
}
