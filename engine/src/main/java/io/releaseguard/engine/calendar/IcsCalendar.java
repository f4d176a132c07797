package io.releaseguard.engine.calendar;

import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Period;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Status;

/**
 * An RFC 5545 calendar whose every event is a freeze. Recurring events are expanded by ical4j (RRULE, RDATE,
 * EXDATE); an event with a RECURRENCE-ID replaces the occurrence it names; cancelled events are ignored. All-day
 * events are whole days and floating times are local times, both in the freeze's zone. Occurrences are expanded one
 * year at a time, on first use, and kept.
 */
public final class IcsCalendar implements Times {
    private final List<VEvent> events;
    private final Set<String> replaced;
    private final ZoneId zone;
    private final Map<Integer, List<Interval>> byYear = new ConcurrentHashMap<>();

    private IcsCalendar(List<VEvent> events, Set<String> replaced, ZoneId zone) {
        this.events = events;
        this.replaced = replaced;
        this.zone = zone;
    }

    /**
     * Parses calendar text; floating and all-day times are read in {@code zone}.
     *
     * @throws IcsException when the text is not a calendar ical4j can read
     */
    public static IcsCalendar parse(String text, ZoneId zone) throws IcsException {
        Calendar calendar;
        try {
            calendar = new CalendarBuilder().build(new StringReader(text));
        } catch (ParserException e) {
            // ical4j's message quotes the text it could not read: name the line, never the file's bytes.
            throw new IcsException("is not a valid iCalendar file (error at line " + e.getLineNo() + ")");
        } catch (IOException | RuntimeException e) {
            throw new IcsException(
                    "is not a valid iCalendar file (" + e.getClass().getSimpleName() + ")");
        }
        List<VEvent> events = new ArrayList<>();
        Set<String> replaced = new HashSet<>();
        for (VEvent e : calendar.<VEvent>getComponents(Component.VEVENT)) {
            if (e.getDateTimeStart().isEmpty()) {
                throw new IcsException("has an event without DTSTART (" + uid(e) + ")");
            }
            if (e.getProperty(Property.STATUS)
                    .map(s -> s.getValue().equals(Status.VALUE_CANCELLED))
                    .orElse(false)) {
                e.getRecurrenceId().ifPresent(r -> replaced.add(key(uid(e), instant(r.getDate(), zone))));
                continue;
            }
            e.getRecurrenceId().ifPresent(r -> replaced.add(key(uid(e), instant(r.getDate(), zone))));
            events.add(e);
        }
        IcsCalendar result = new IcsCalendar(List.copyOf(events), Set.copyOf(replaced), zone);
        try {
            result.startingIn(2000);
        } catch (RuntimeException e) {
            throw new IcsException("cannot be expanded (" + e.getClass().getSimpleName() + ")");
        }
        return result;
    }

    private static String uid(VEvent e) {
        return e.getUid().map(u -> u.getValue()).orElse("");
    }

    private static String key(String uid, Instant start) {
        return uid + "@" + start;
    }

    /** The instant a calendar temporal stands for; dates are their first instant in {@code zone}. */
    static Instant instant(Temporal t, ZoneId zone) {
        if (t instanceof Instant i) {
            return i;
        }
        if (t instanceof ZonedDateTime z) {
            return z.toInstant();
        }
        if (t instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (t instanceof LocalDateTime l) {
            return LocalTimes.toInstant(l, zone);
        }
        if (t instanceof LocalDate d) {
            return LocalTimes.startOfDay(d, zone);
        }
        throw new IllegalArgumentException(
                "unsupported date type " + t.getClass().getSimpleName());
    }

    /** A range of the same temporal type as {@code sample}, as ical4j requires for expansion. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private Period range(Temporal sample, int year) {
        LocalDate from = LocalDate.of(year, 1, 1).minusDays(1);
        LocalDate to = LocalDate.of(year + 1, 1, 1).plusDays(1);
        if (sample instanceof LocalDate) {
            return new Period(from, to);
        }
        if (sample instanceof LocalDateTime) {
            return new Period(from.atStartOfDay(), to.atStartOfDay());
        }
        if (sample instanceof Instant) {
            return new Period(
                    from.atStartOfDay().toInstant(ZoneOffset.UTC),
                    to.atStartOfDay().toInstant(ZoneOffset.UTC));
        }
        if (sample instanceof OffsetDateTime) {
            return new Period(
                    from.atStartOfDay().atOffset(ZoneOffset.UTC),
                    to.atStartOfDay().atOffset(ZoneOffset.UTC));
        }
        return new Period(from.atStartOfDay(ZoneOffset.UTC), to.atStartOfDay(ZoneOffset.UTC));
    }

    /** Occurrences whose start falls in UTC {@code year}, in start order. */
    List<Interval> startingIn(int year) {
        return byYear.computeIfAbsent(year, this::expand);
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private List<Interval> expand(int year) {
        List<Interval> out = new ArrayList<>();
        for (VEvent e : events) {
            Temporal sample = e.getDateTimeStart().orElseThrow().getDate();
            boolean override = e.getRecurrenceId().isPresent();
            Set<Period<Temporal>> periods = e.calculateRecurrenceSet(range(sample, year));
            for (Period<Temporal> p : periods) {
                Instant start = instant(p.getStart(), zone);
                if (LocalDateTime.ofInstant(start, ZoneOffset.UTC).getYear() != year) {
                    continue;
                }
                if (!override && replaced.contains(key(uid(e), start))) {
                    continue;
                }
                Instant end = instant(p.getEnd(), zone);
                if (end.isAfter(start)) {
                    out.add(new Interval(start, end));
                }
            }
        }
        out.sort(null);
        return List.copyOf(out);
    }

    @Override
    public Optional<Interval> covering(Instant t) {
        int year = LocalDateTime.ofInstant(t, ZoneOffset.UTC).getYear();
        Interval best = null;
        for (int y = year - 1; y <= year; y++) {
            for (Interval i : startingIn(y)) {
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
            for (Interval i : startingIn(y)) {
                if (i.overlaps(from, to)) {
                    out.add(i);
                }
            }
        }
        return out;
    }

    /** A calendar that cannot be read or expanded; the message completes "calendars/holidays.ics ...". */
    public static final class IcsException extends Exception {
        private static final long serialVersionUID = 1L;

        public IcsException(String message) {
            super(message);
        }
    }
}
