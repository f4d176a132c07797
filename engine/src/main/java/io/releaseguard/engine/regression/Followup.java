package io.releaseguard.engine.regression;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A scheduled re-check of a deploy for regressions, {@code offset} after {@code deployedAt} (so {@code due = deployedAt
 * + offset}). It belongs to one release in one environment; {@code result} is set once it has run.
 */
public record Followup(
        String id,
        String environment,
        String release,
        List<String> services,
        Instant deployedAt,
        Duration offset,
        Instant due,
        Optional<FollowupResult> result) {
    public Followup {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(release, "release");
        services = List.copyOf(services);
        Objects.requireNonNull(deployedAt, "deployedAt");
        Objects.requireNonNull(offset, "offset");
        Objects.requireNonNull(due, "due");
        result = result == null ? Optional.empty() : result;
    }

    /** The id a follow-up of this release, environment and offset always gets, so scheduling twice is harmless. */
    public static String idFor(String environment, String release, Duration offset) {
        return environment + "/" + release + "/+"
                + offset.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
    }

    /** This follow-up with its result recorded. */
    public Followup withResult(FollowupResult r) {
        return new Followup(id, environment, release, services, deployedAt, offset, due, Optional.of(r));
    }
}
