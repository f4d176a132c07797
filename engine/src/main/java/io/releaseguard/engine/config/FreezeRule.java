package io.releaseguard.engine.config;

import java.time.Instant;
import java.time.MonthDay;
import java.time.ZoneId;

/** When a freeze is in force. Exactly one kind per freeze. */
public sealed interface FreezeRule {

    /** Whole days from {@code from} to {@code to} inclusive, every year, in {@code zone}; may wrap the year end. */
    record Yearly(MonthDay from, MonthDay to, ZoneId zone) implements FreezeRule {}

    /** A one-off half-open interval {@code [from, to)}. */
    record OneOff(Instant from, Instant to) implements FreezeRule {}

    /** Frozen from each firing of {@code start} until the next firing of {@code end}, cron evaluated in zone. */
    record Cron(String start, String end, ZoneId zone) implements FreezeRule {}

    /**
     * Every event of an RFC 5545 calendar (recurrences expanded) is a freeze. {@code source} is a path relative
     * to the policy file or an https URL; floating times are read in {@code zone}.
     */
    record Ics(String source, ZoneId zone) implements FreezeRule {}
}
