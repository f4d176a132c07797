package io.releaseguard.engine.health;

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
}
