package io.releaseguard.engine.calendar;

import java.time.Instant;

/**
 * A half-open span of time {@code [start, end)}. {@link Instant#MAX} as the end means "never ends" (a cron freeze
 * whose end never fires).
 */
public record Interval(Instant start, Instant end) implements Comparable<Interval> {
    public Interval {
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("interval ends before it starts: " + start + " > " + end);
        }
    }

    public boolean contains(Instant t) {
        return !t.isBefore(start) && t.isBefore(end);
    }

    public boolean isEmpty() {
        return start.equals(end);
    }

    public boolean endless() {
        return end.equals(Instant.MAX);
    }

    public boolean overlaps(Instant from, Instant to) {
        return start.isBefore(to) && end.isAfter(from);
    }

    @Override
    public int compareTo(Interval o) {
        int c = start.compareTo(o.start);
        return c != 0 ? c : end.compareTo(o.end);
    }
}
