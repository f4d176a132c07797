package io.releaseguard.engine.config;

import java.time.Duration;
import java.util.List;

/**
 * How a fleet is redeployed: the canary tenants (named, or the first {@code canaryCount}) soak for {@code
 * canarySoak}, then the rest go in batches of {@code batchSize} with {@code soakBetweenBatches} between them.
 */
public record FleetSpec(
        List<String> canary, int canaryCount, Duration canarySoak, int batchSize, Duration soakBetweenBatches) {
    public FleetSpec {
        canary = List.copyOf(canary);
    }
}
