package io.releaseguard.engine.calendar;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A cron freeze: frozen from each firing of {@code start} until the first firing of {@code end} at or after it. If
 * {@code end} never fires again the freeze never ends.
 */
record CronTimes(CronExpression start, CronExpression end, ZoneId zone) implements Times {
    @Override
    public Optional<Interval> covering(Instant t) {
        Optional<Instant> began = start.previous(t, zone);
        if (began.isEmpty()) {
            return Optional.empty();
        }
        Interval i = from(began.get());
        return i.contains(t) ? Optional.of(i) : Optional.empty();
    }

    private Interval from(Instant began) {
        // An end firing at the same instant as the start (both in one spring-forward gap) ends it at once.
        return new Interval(began, end.next(began.minusNanos(1), zone).orElse(Instant.MAX));
    }

    @Override
    public List<Interval> between(Instant from, Instant to) {
        List<Interval> out = new ArrayList<>();
        covering(from).ifPresent(out::add);
        Instant cursor = from;
        while (true) {
            Optional<Instant> s = start.next(cursor, zone);
            if (s.isEmpty() || !s.get().isBefore(to)) {
                return out;
            }
            Interval i = from(s.get());
            if (out.isEmpty() || !out.get(out.size() - 1).contains(i.start())) {
                out.add(i);
            }
            if (i.endless()) {
                return out;
            }
            cursor = s.get();
        }
    }
}
