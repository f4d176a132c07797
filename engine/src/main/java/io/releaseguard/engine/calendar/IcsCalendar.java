package io.releaseguard.engine.calendar;

import io.releaseguard.engine.calendar.IcsContent.Component;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An RFC 5545 calendar whose every event is a freeze. Recurring events are expanded (RRULE, RDATE, EXDATE, see
 * {@link IcsEvent}); an event with a RECURRENCE-ID replaces the occurrence it names, and a cancelled one removes it; a
 * cancelled event without RECURRENCE-ID is ignored. All-day events are whole days and floating times are local
 * times, both in the freeze's zone; every TZID names a JDK zone ({@link IcsZones}). Occurrences are expanded one
 * year at a time, on first use, and kept. Parsing registers nothing with the JVM, so a controller may parse as often
 * as it likes.
 */
public final class IcsCalendar implements Times {
    private final List<IcsEvent> events;
    private final Map<String, Set<Instant>> replaced;
    private final String source;
    private final Map<Integer, List<Interval>> byYear = new ConcurrentHashMap<>();

    private IcsCalendar(List<IcsEvent> events, Map<String, Set<Instant>> replaced, String source) {
        this.events = events;
        this.replaced = replaced;
        this.source = source;
    }

    /** {@link #parse(String, ZoneId, String)} for text that has no name. */
    public static IcsCalendar parse(String text, ZoneId zone) throws IcsException {
        return parse(text, zone, "calendar");
    }

    /**
     * Parses calendar text; floating and all-day times are read in {@code zone}. The occurrences of each event's
     * first year are expanded now, so that an event that cannot be expanded fails here.
     *
     * @param source how errors met later, while a decision expands another year, name the calendar
     * @throws IcsException when the text is not a calendar release-guard can read; it names a line, never the text
     */
    public static IcsCalendar parse(String text, ZoneId zone, String source) throws IcsException {
        Component calendar = IcsContent.parse(text);
        IcsValues values = new IcsValues(zone);
        List<IcsEvent> events = new ArrayList<>();
        Map<String, Set<Instant>> replaced = new HashMap<>();
        for (Component c : calendar.children()) {
            if (!c.name().equals("VEVENT")) {
                continue;
            }
            IcsEvent e = IcsEvent.read(c, values);
            if (e.recurrenceId().isPresent()) {
                replaced.computeIfAbsent(e.uid(), u -> new HashSet<>())
                        .add(e.recurrenceId().get());
            }
            if (!e.cancelled()) {
                events.add(e);
            }
        }
        Map<String, Set<Instant>> frozen = new HashMap<>();
        replaced.forEach((uid, starts) -> frozen.put(uid, Set.copyOf(starts)));
        IcsCalendar result = new IcsCalendar(List.copyOf(events), Map.copyOf(frozen), source);
        for (IcsEvent e : result.events) {
            e.startingIn(e.firstYear(), result.replacedFor(e));
        }
        return result;
    }

    private Set<Instant> replacedFor(IcsEvent e) {
        return e.recurrenceId().isPresent() ? Set.of() : replaced.getOrDefault(e.uid(), Set.of());
    }

    /**
     * Occurrences whose start falls in UTC {@code year}, in start order.
     *
     * @throws IcsException when an event cannot be expanded that year (beyond its bounds)
     */
    List<Interval> startingIn(int year) throws IcsException {
        List<Interval> cached = byYear.get(year);
        if (cached != null) {
            return cached;
        }
        List<Interval> out = new ArrayList<>();
        for (IcsEvent e : events) {
            out.addAll(e.startingIn(year, replacedFor(e)));
        }
        out.sort(null);
        List<Interval> result = List.copyOf(out);
        byYear.put(year, result);
        return result;
    }

    private List<Interval> year(int year) {
        try {
            return startingIn(year);
        } catch (IcsException e) {
            throw new ExpansionException(e.describe(source), e);
        }
    }

    @Override
    public Optional<Interval> covering(Instant t) {
        int year = LocalDateTime.ofInstant(t, ZoneOffset.UTC).getYear();
        Interval best = null;
        for (int y = year - 1; y <= year; y++) {
            for (Interval i : year(y)) {
                if (i.contains(t) && (best == null || i.end().isAfter(best.end()))) {
                    best = i;
                }
            }
        }
        return Optional.ofNullable(best);
    }

    @Override
    public List<Interval> between(Instant from, Instant to) {
        List<Interval> out = new ArrayList<>();
        int last = LocalDateTime.ofInstant(to, ZoneOffset.UTC).getYear();
        for (int y = LocalDateTime.ofInstant(from, ZoneOffset.UTC).getYear() - 1; y <= last; y++) {
            for (Interval i : year(y)) {
                if (i.overlaps(from, to)) {
                    out.add(i);
                }
            }
        }
        return out;
    }

    /**
     * A calendar that cannot be read or expanded. The message completes "calendars/holidays.ics:LINE ..." and never
     * contains the file's text; {@link #line()} is 0 when no line applies.
     */
    public static final class IcsException extends Exception {
        private static final long serialVersionUID = 1L;
        private final int line;

        public IcsException(int line, String message) {
            super(message);
            this.line = line;
        }

        public int line() {
            return line;
        }

        /** {@code SOURCE:LINE message}, or {@code SOURCE message} without a line. */
        public String describe(String source) {
            return source + (line > 0 ? ":" + line : "") + " " + getMessage();
        }
    }

    /**
     * An {@link IcsException} met while a decision expands a later year, carried through the {@link Times} port; the
     * message names the calendar's source and line.
     */
    public static final class ExpansionException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ExpansionException(String message, IcsException cause) {
            super(message, cause);
        }
    }
}
