package io.releaseguard.engine.health;

import io.releaseguard.engine.ExitCode;
import java.util.List;
import java.util.Optional;

/**
 * The answer of a health gate for one environment: every check's result and the worst of them. Serialised with
 * {@link io.releaseguard.engine.JsonReports} it is exactly the {@code health --json} contract.
 */
public record HealthReport(
        String environment, Verdict verdict, List<CheckResult> checks, Optional<BuildInfoReport> buildinfo) {
    public HealthReport {
        checks = List.copyOf(checks);
    }

    /**
     * The documented exit code: 0 on PASS, 4 on FAIL, and 4 on WARN unless {@code failOnFatalOnly}, when warnings are
     * shown but do not fail the gate. INCONCLUSIVE (not produced by health checks) is treated like FAIL.
     */
    public ExitCode exitCode(boolean failOnFatalOnly) {
        return switch (verdict) {
            case PASS -> ExitCode.OK;
            case WARN -> failOnFatalOnly ? ExitCode.OK : ExitCode.CHECK_FAILED;
            case INCONCLUSIVE, FAIL -> ExitCode.CHECK_FAILED;
        };
    }
}
