package io.releaseguard.engine.calendar;

import java.time.Instant;
import java.util.List;

/**
 * One upcoming occurrence in the release calendar: a freeze (deployments forbidden) or a window (deployments
 * allowed) for the listed environments, over {@code [start, end)}; {@code end} is {@link Instant#MAX} when it never
 * ends. {@code rule} describes where it comes from in the policy.
 */
public record CalendarEntry(
        Kind kind, String name, List<String> environments, Instant start, Instant end, String rule) {
    public CalendarEntry {
        environments = List.copyOf(environments);
    }

    /** What an entry means for deployments. */
    public enum Kind {
        FREEZE,
        WINDOW
    }
}
