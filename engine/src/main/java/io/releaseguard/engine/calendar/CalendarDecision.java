package io.releaseguard.engine.calendar;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The calendar's answer for one environment at one instant. {@code reasons} lists every reason that still blocks
 * (not only the first); {@code overridden} the reasons an emergency override bypassed; {@code nextOpen} the earliest
 * instant at or after {@code at} at which no remaining reason blocks, empty when none within the search horizon.
 * The verdict is BLOCKED exactly when {@code reasons} is not empty.
 */
public record CalendarDecision(
        String environment,
        Instant at,
        Verdict verdict,
        List<Reason> reasons,
        List<Reason> overridden,
        Optional<Instant> nextOpen) {
    public CalendarDecision {
        reasons = List.copyOf(reasons);
        overridden = List.copyOf(overridden);
        if ((verdict == Verdict.BLOCKED) == reasons.isEmpty()) {
            throw new IllegalArgumentException("verdict " + verdict + " does not match reasons " + reasons);
        }
    }

    public boolean isOpen() {
        return verdict == Verdict.OPEN;
    }
}
