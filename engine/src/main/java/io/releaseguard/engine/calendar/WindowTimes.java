package io.releaseguard.engine.calendar;

import io.releaseguard.engine.config.WindowSpec;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An environment's deployment windows as instants. Each window occurs on each of its days from {@code from}
 * (inclusive) to {@code to} (exclusive) in its zone, ending the next day when {@code to} is before {@code from}.
 * Both ends follow the daylight-saving rules of {@link LocalTimes}.
 */
record WindowTimes(List<WindowSpec> windows) {
    WindowTimes {
        windows = List.copyOf(windows);
    }

    boolean isEmpty() {
        return windows.isEmpty();
    }

    /** The occurrence of {@code w} that starts on local {@code day}, or empty when {@code w} is not open that day. */
    static Optional<Interval> occurrence(WindowSpec w, LocalDate day) {
        if (!w.days().contains(day.getDayOfWeek())) {
            return Optional.empty();
        }
        Instant start = LocalTimes.toInstant(LocalDateTime.of(day, w.from()), w.zone());
        LocalDate endDay = w.crossesMidnight() ? day.plusDays(1) : day;
        Instant end = LocalTimes.toInstant(LocalDateTime.of(endDay, w.to()), w.zone());
        return Optional.of(new Interval(start, end));
    }

    /** The window occurrence that contains {@code t}, if any. */
    Optional<Interval> covering(Instant t) {
        for (WindowSpec w : windows) {
            LocalDate today = LocalTimes.local(t, w.zone()).toLocalDate();
            for (LocalDate d = today.minusDays(1); !d.isAfter(today); d = d.plusDays(1)) {
                Optional<Interval> i = occurrence(w, d);
                if (i.isPresent() && i.get().contains(t)) {
                    return i;
                }
            }
        }
        return Optional.empty();
    }

    /** The earliest start of a non-empty occurrence strictly after {@code t}; windows recur weekly, so one exists. */
    Instant nextStart(Instant t) {
        Instant best = Instant.MAX;
        for (WindowSpec w : windows) {
            LocalDate today = LocalTimes.local(t, w.zone()).toLocalDate();
            for (int k = -1; k <= 14; k++) {
                Optional<Interval> i = occurrence(w, today.plusDays(k));
                if (i.isPresent() && !i.get().isEmpty() && i.get().start().isAfter(t)) {
                    if (i.get().start().isBefore(best)) {
                        best = i.get().start();
                    }
                    break;
                }
            }
        }
        return best;
    }

    /** Occurrences overlapping {@code [from, to)}, in start order. */
    List<Interval> between(Instant from, Instant to) {
        List<Interval> out = new ArrayList<>();
        for (WindowSpec w : windows) {
            LocalDate last = LocalTimes.local(to, w.zone()).toLocalDate();
            for (LocalDate d = LocalTimes.local(from, w.zone()).toLocalDate().minusDays(1);
                    !d.isAfter(last);
                    d = d.plusDays(1)) {
                occurrence(w, d)
                        .filter(i -> !i.isEmpty() && i.overlaps(from, to))
                        .ifPresent(out::add);
            }
        }
        out.sort(null);
        return out;
    }
}
