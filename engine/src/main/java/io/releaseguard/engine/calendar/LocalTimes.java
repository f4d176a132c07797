package io.releaseguard.engine.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

/**
 * The one place where a local time in a zone becomes an instant, so windows, yearly freezes and cron agree on
 * daylight saving: a local time that does not exist (spring forward) means the first valid instant after it, which
 * is the transition itself; an ambiguous local time (fall back) means its first occurrence. The mapping never
 * decreases, which the cron search relies on.
 */
public final class LocalTimes {
    private LocalTimes() {}

    public static Instant toInstant(LocalDateTime local, ZoneId zone) {
        ZoneRules rules = zone.getRules();
        if (rules.isFixedOffset()) {
            return local.toInstant(rules.getOffset(Instant.EPOCH));
        }
        var offsets = rules.getValidOffsets(local);
        if (offsets.size() == 1) {
            return local.toInstant(offsets.get(0));
        }
        ZoneOffsetTransition transition = rules.getTransition(local);
        if (offsets.isEmpty()) {
            return transition.getInstant();
        }
        return local.toInstant(transition.getOffsetBefore());
    }

    /** The first instant of {@code date} in {@code zone}. */
    public static Instant startOfDay(LocalDate date, ZoneId zone) {
        return toInstant(date.atStartOfDay(), zone);
    }

    public static LocalDateTime local(Instant t, ZoneId zone) {
        return LocalDateTime.ofInstant(t, zone);
    }
}
