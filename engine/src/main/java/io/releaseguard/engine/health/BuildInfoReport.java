package io.releaseguard.engine.health;

import java.util.List;
import java.util.Optional;

/**
 * Fleet convergence: the SHA every tenant must report and the tenants that reported something else. A {@code
 * reported} value is empty when the tenant could not be asked (its check says why).
 */
public record BuildInfoReport(String expected, List<Mismatch> mismatches) {
    public BuildInfoReport {
        mismatches = List.copyOf(mismatches);
    }

    /** One tenant (for a single-instance service: the service) that does not run the expected SHA. */
    public record Mismatch(String tenant, Optional<String> reported) {}
}
