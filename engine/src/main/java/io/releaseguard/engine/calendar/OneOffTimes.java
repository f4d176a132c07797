package io.releaseguard.engine.calendar;

import io.releaseguard.engine.config.FreezeRule;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A one-off freeze: one half-open interval. */
record OneOffTimes(Interval interval) implements Times {
    OneOffTimes(FreezeRule.OneOff rule) {
        this(new Interval(rule.from(), rule.to()));
    }

    @Override
    public Optional<Interval> covering(Instant t) {
        return interval.contains(t) ? Optional.of(interval) : Optional.empty();
    }

    @Override
    public List<Interval> between(Instant from, Instant to) {
        return interval.overlaps(from, to) ? List.of(interval) : List.of();
    }
}
