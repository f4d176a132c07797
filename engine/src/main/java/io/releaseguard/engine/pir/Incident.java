package io.releaseguard.engine.pir;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a post-incident review starts from: the kind of incident, where and when it happened, the release or train tag
 * that changed things, the timeline and the decisions taken. Built by whoever saw the incident (rollback, override).
 */
public record Incident(
        Kind kind,
        String environment,
        String service,
        String release,
        String whatChanged,
        Instant at,
        List<Event> timeline,
        List<String> decisions) {

    public Incident {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(release, "release");
        Objects.requireNonNull(whatChanged, "whatChanged");
        Objects.requireNonNull(at, "at");
        timeline = List.copyOf(timeline);
        decisions = List.copyOf(decisions);
    }

    /** The closed set of incidents that require a review. */
    public enum Kind {
        ROLLBACK,
        EMERGENCY_OVERRIDE
    }

    /** One timeline entry. */
    public record Event(Instant at, String what) {}
}
