package io.releaseguard.engine.config;

import io.releaseguard.engine.registry.TagTemplate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One stop on the promotion path. An {@code optional} environment (e.g. staging) may be skipped; a required one
 * may not. {@code soak} is how long a release must have run here before it may be promoted onward; {@code
 * minInterval} is the minimum time between two successful deployments to this environment. {@code retag} are the
 * tags released images get here (empty without a registry).
 */
public record EnvironmentSpec(
        String name,
        boolean optional,
        List<WindowSpec> windows,
        Optional<Duration> minInterval,
        Optional<Duration> soak,
        Optional<ApprovalPolicy> approvals,
        Optional<KillSwitchSpec> killSwitch,
        Optional<RegressionSpec> regression,
        List<String> requiredStatuses,
        Duration lockLease,
        List<TagTemplate> retag) {

    /** Lease of the environment lock when none is configured: long enough for a batch, short after a crash. */
    public static final Duration DEFAULT_LOCK_LEASE = Duration.ofMinutes(15);

    public EnvironmentSpec {
        windows = List.copyOf(windows);
        requiredStatuses = List.copyOf(requiredStatuses);
        retag = List.copyOf(retag);
    }
}
