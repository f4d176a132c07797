package io.releaseguard.engine.calendar;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * When one freeze rule is in force, as instants. Implementations are pure over their configuration (an ICS
 * calendar is parsed once and expanded lazily).
 */
interface Times {
    /** The interval of this rule that contains {@code t}, if any; the latest-ending one when several do. */
    Optional<Interval> covering(Instant t);

    /** The rule's intervals that overlap {@code [from, to)}, in start order. */
    List<Interval> between(Instant from, Instant to);
}
