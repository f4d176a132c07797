package io.releaseguard.engine.calendar;

import java.time.Instant;
import java.util.List;

/**
 * One upcoming occurrence in the release calendar: a freeze (deployments forbidden) or a window (deployments
 * allowed) for the listed environments, over {@code [start, end)}; {@code end} is {@link Instant#MAX} when it never
 * ends. {@code rule} describes where it comes from in the policy. A window that lies inside freezes names them in
 * {@code frozenBy}: deployments are blocked there although the window is open; an open window has none.
 */
public record CalendarEntry(
        Kind kind,
        String name,
        List<String> environments,
        Instant start,
        Instant end,
        String rule,
        List<String> frozenBy) {
    public CalendarEntry {
        environments = List.copyOf(environments);
        frozenBy = List.copyOf(frozenBy);
    }

    /** Whether this is a window in which deployments are nevertheless blocked by a freeze. */
    public boolean frozen() {
        return !frozenBy.isEmpty();
    }

    /** What an entry means for deployments. */
    public enum Kind {
        FREEZE,
        WINDOW
    }
}
