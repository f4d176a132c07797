package io.releaseguard.engine.calendar;

import io.releaseguard.engine.config.FreezeRule;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A yearly freeze: whole days from {@code from} to {@code to} inclusive in the zone, wrapping the year end when
 * {@code to} comes before {@code from}. 29 February means 28 February in common years.
 */
final class YearlyTimes implements Times {
    private final MonthDay from;
    private final MonthDay to;
    private final ZoneId zone;
    /** Occurrences by the year they start in; decisions ask for the same few years over and over. */
    private final Map<Integer, Interval> byYear = new ConcurrentHashMap<>();

    YearlyTimes(FreezeRule.Yearly rule) {
        this.from = rule.from();
        this.to = rule.to();
        this.zone = rule.zone();
    }

    /** The occurrence that starts in {@code year}. */
    Interval occurrence(int year) {
        return byYear.computeIfAbsent(year, this::compute);
    }

    private Interval compute(int year) {
        LocalDate first = from.atYear(year);
        LocalDate last = to.atYear(to.isBefore(from) ? year + 1 : year);
        return new Interval(LocalTimes.startOfDay(first, zone), LocalTimes.startOfDay(last.plusDays(1), zone));
    }

    @Override
    public Optional<Interval> covering(Instant t) {
        int year = LocalTimes.local(t, zone).getYear();
        for (int y = year; y >= year - 1; y--) {
            Interval i = occurrence(y);
            if (i.contains(t)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    @Override
    public List<Interval> between(Instant start, Instant end) {
        List<Interval> out = new ArrayList<>();
        int last = LocalTimes.local(end, zone).getYear();
        for (int y = LocalTimes.local(start, zone).getYear() - 1; y <= last; y++) {
            Interval i = occurrence(y);
            if (i.overlaps(start, end)) {
                out.add(i);
            }
        }
        return out;
    }
}
