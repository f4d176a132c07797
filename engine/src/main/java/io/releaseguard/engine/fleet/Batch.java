package io.releaseguard.engine.fleet;

import java.time.Duration;
import java.util.List;

/** One wave of a fleet rollout: the canary or a numbered batch, its tenants, and the soak that follows it. */
public record Batch(int index, Kind kind, List<String> tenants, Duration soakAfter) {
    public Batch {
        tenants = List.copyOf(tenants);
    }

    /** Canary first, then ordinary batches. */
    public enum Kind {
        CANARY,
        BATCH
    }

    /** {@code canary} or {@code batch 3/20}, as shown in progress output. */
    public String label(int batches) {
        return kind == Kind.CANARY ? "canary" : "batch " + index + "/" + batches;
    }
}
