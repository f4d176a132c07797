package io.releaseguard.engine.fleet;

import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.config.FleetSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Splits a fleet into the waves of a rollout: the canary tenants (named, or the first {@code canaryCount}) soak
 * for {@code canarySoak}; the rest follow in listed order in batches of {@code batchSize}, each followed by {@code
 * soakBetweenBatches} except the last. Every tenant appears exactly once.
 */
public final class FleetBatches {
    private FleetBatches() {}

    public static List<Batch> plan(List<String> tenants, FleetSpec spec) throws ReleaseGuardException {
        Set<String> all = new LinkedHashSet<>(tenants);
        if (all.size() != tenants.size()) {
            throw new ReleaseGuardException(ExitCode.INVALID, "the fleet lists a tenant twice: " + tenants);
        }
        List<String> canary = new ArrayList<>();
        if (!spec.canary().isEmpty()) {
            for (String c : spec.canary()) {
                if (!all.contains(c)) {
                    throw new ReleaseGuardException(
                            ExitCode.INVALID,
                            "canary tenant '" + c + "' is not in the fleet (" + tenants.size() + " tenants)");
                }
                canary.add(c);
            }
        } else {
            canary.addAll(tenants.subList(0, Math.min(spec.canaryCount(), tenants.size())));
        }
        List<String> rest = tenants.stream().filter(t -> !canary.contains(t)).toList();
        List<Batch> batches = new ArrayList<>();
        if (!canary.isEmpty()) {
            batches.add(new Batch(0, Batch.Kind.CANARY, canary, rest.isEmpty() ? Duration.ZERO : spec.canarySoak()));
        }
        for (int i = 0; i < rest.size(); i += spec.batchSize()) {
            int end = Math.min(rest.size(), i + spec.batchSize());
            Duration soak = end == rest.size() ? Duration.ZERO : spec.soakBetweenBatches();
            batches.add(new Batch(
                    batches.size() + (canary.isEmpty() ? 1 : 0), Batch.Kind.BATCH, rest.subList(i, end), soak));
        }
        return batches;
    }
}
