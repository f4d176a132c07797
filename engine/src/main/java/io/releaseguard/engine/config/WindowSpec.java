package io.releaseguard.engine.config;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;

/**
 * An allowed deployment window: on {@code days}, from {@code from} (inclusive) to {@code to} (exclusive), local
 * time in {@code zone}. A {@code to} earlier than {@code from} crosses midnight; the day is the day it starts.
 */
public record WindowSpec(Set<DayOfWeek> days, LocalTime from, LocalTime to, ZoneId zone) {
    public WindowSpec {
        days = Set.copyOf(days);
    }

    public boolean crossesMidnight() {
        return to.isBefore(from);
    }
}
