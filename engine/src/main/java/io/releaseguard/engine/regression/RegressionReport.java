package io.releaseguard.engine.regression;

import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.health.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of one regression evaluation for a release in an environment: the windows compared, the release the
 * baseline measured, each provider's verdict (per service where its queries are), the worst of them and the services
 * implicated by it. Serialised with {@link io.releaseguard.engine.JsonReports} it is the {@code regression --json}
 * output.
 */
public record RegressionReport(
        String environment,
        Optional<String> release,
        Optional<String> baselineRelease,
        List<String> services,
        Instant deployAt,
        Instant baselineStart,
        Instant afterStart,
        Instant afterEnd,
        Verdict verdict,
        List<String> implicated,
        List<SignalResult> signals) {
    public RegressionReport {
        services = List.copyOf(services);
        implicated = List.copyOf(implicated);
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

    /** One line per signal: verdict, label and message, as the CLI and the promotion show them. */
    public List<String> lines() {
        return signals.stream()
                .map(s -> s.verdict() + " " + s.label() + ": " + s.message())
                .toList();
    }
}
