package io.releaseguard.engine.calendar;

import io.releaseguard.engine.calendar.IcsCalendar.IcsException;
import io.releaseguard.engine.calendar.IcsContent.Component;
import io.releaseguard.engine.calendar.IcsContent.Prop;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.time.temporal.TemporalAmount;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.fortuna.ical4j.model.Recur;
import net.fortuna.ical4j.transform.recurrence.Frequency;

/**
 * One VEVENT as a set of freeze intervals (RFC 5545 §3.8.5): DTSTART, every RRULE occurrence (expanded by ical4j),
 * every RDATE (a date is a whole day, a date-time lasts as long as the event, a period is itself), less every EXDATE.
 * Expansion is bounded so that a hostile calendar fails fast: FREQ=SECONDLY and MINUTELY are refused, an event has at
 * most {@link #MAX_OCCURRENCES} occurrences from its DTSTART to the end of the year being decided, and a rule without
 * COUNT or UNTIL is expanded at most {@link #HORIZON_YEARS} years past its DTSTART.
 */
final class IcsEvent {
    /** Enough for an hourly freeze over eleven years; small enough to expand in well under a second. */
    static final int MAX_OCCURRENCES = 100_000;
    /** How far past its DTSTART an endless rule is expanded; a decision later than that fails instead of opening. */
    static final int HORIZON_YEARS = 200;

    private final String uid;
    private final int line;
    private final Temporal start;
    private final TemporalAmount length;
    private final List<Rule> rules;
    private final List<Start> rdates;
    private final Set<Instant> exInstants;
    private final Set<LocalDate> exDays;
    private final Optional<Instant> recurrenceId;
    private final boolean cancelled;
    private final ZoneId zone;

    private record Rule(Recur<Temporal> recur, int line, boolean endless) {}

    private record Start(Temporal start, TemporalAmount length) {}

    private IcsEvent(
            String uid,
            int line,
            Temporal start,
            TemporalAmount length,
            List<Rule> rules,
            List<Start> rdates,
            Set<Instant> exInstants,
            Set<LocalDate> exDays,
            Optional<Instant> recurrenceId,
            boolean cancelled,
            ZoneId zone) {
        this.uid = uid;
        this.line = line;
        this.start = start;
        this.length = length;
        this.rules = rules;
        this.rdates = rdates;
        this.exInstants = exInstants;
        this.exDays = exDays;
        this.recurrenceId = recurrenceId;
        this.cancelled = cancelled;
        this.zone = zone;
    }

    static IcsEvent read(Component c, IcsValues values) throws IcsException {
        String uid = c.first("UID").map(Prop::value).orElse("").strip();
        Prop dtstart = c.first("DTSTART").orElseThrow(() -> new IcsException(c.line(), "has an event without DTSTART"));
        Temporal start = values.dateOrDateTime(dtstart);
        TemporalAmount length = length(c, start, values);
        boolean cancelled = c.first("STATUS")
                .map(s -> s.value().strip().equalsIgnoreCase("CANCELLED"))
                .orElse(false);
        Optional<Instant> recurrenceId = Optional.empty();
        if (c.first("RECURRENCE-ID").isPresent()) {
            recurrenceId = Optional.of(
                    instant(values.dateOrDateTime(c.first("RECURRENCE-ID").get()), values.floating()));
        }
        List<Rule> rules = new ArrayList<>();
        for (Prop p : c.all("RRULE")) {
            rules.add(rule(p, start, values.floating()));
        }
        List<Start> rdates = new ArrayList<>();
        for (Prop p : c.all("RDATE")) {
            for (String v : p.value().split(",")) {
                rdates.add(rdate(p, v, start, length, values));
            }
        }
        Set<Instant> exInstants = new HashSet<>();
        Set<LocalDate> exDays = new HashSet<>();
        for (Prop p : c.all("EXDATE")) {
            for (String v : p.value().split(",")) {
                Temporal t = values.dateOrDateTime(p, v);
                if (t instanceof LocalDate d) {
                    exDays.add(d);
                } else {
                    exInstants.add(((ZonedDateTime) t).toInstant());
                }
            }
        }
        return new IcsEvent(
                uid,
                c.line(),
                start,
                length,
                List.copyOf(rules),
                List.copyOf(rdates),
                Set.copyOf(exInstants),
                Set.copyOf(exDays),
                recurrenceId,
                cancelled,
                values.floating());
    }

    /** DTEND less DTSTART (exact for date-times, whole days for dates), DURATION, or one day for a date. */
    private static TemporalAmount length(Component c, Temporal start, IcsValues values) throws IcsException {
        Optional<Prop> dtend = c.first("DTEND");
        Optional<Prop> duration = c.first("DURATION");
        if (dtend.isPresent()) {
            Temporal end = values.dateOrDateTime(dtend.get());
            if (IcsValues.isDate(start) != IcsValues.isDate(end)) {
                throw new IcsException(
                        dtend.get().line(), "DTEND is not of the same type (date or date-time) as DTSTART");
            }
            if (start instanceof LocalDate s) {
                if (((LocalDate) end).isBefore(s)) {
                    throw new IcsException(dtend.get().line(), "DTEND is before DTSTART");
                }
                return Period.between(s, (LocalDate) end);
            }
            Duration d = Duration.between((ZonedDateTime) start, (ZonedDateTime) end);
            if (d.isNegative()) {
                throw new IcsException(dtend.get().line(), "DTEND is before DTSTART");
            }
            return d;
        }
        if (duration.isPresent()) {
            TemporalAmount amount =
                    values.duration(duration.get(), duration.get().value());
            if (start instanceof LocalDate && amount instanceof Duration d) {
                if (d.toSeconds() % 86_400 != 0) {
                    throw new IcsException(duration.get().line(), "DURATION of an all-day event is not whole days");
                }
                return Period.ofDays((int) d.toDays());
            }
            return amount;
        }
        return start instanceof LocalDate ? Period.ofDays(1) : Duration.ZERO;
    }

    @SuppressWarnings("unchecked")
    private static Rule rule(Prop p, Temporal start, ZoneId floating) throws IcsException {
        Recur<Temporal> recur;
        try {
            recur = new Recur<>(untilLike(p.value().strip(), start, floating));
        } catch (RuntimeException e) {
            throw new IcsException(p.line(), "RRULE is not a recurrence rule (RFC 5545 section 3.3.10)");
        }
        if (recur.getFrequency() == Frequency.SECONDLY || recur.getFrequency() == Frequency.MINUTELY) {
            throw new IcsException(
                    p.line(),
                    "RRULE FREQ=" + recur.getFrequency() + " is refused: a freeze may recur at most hourly"
                            + " (and at most " + MAX_OCCURRENCES + " times per event)");
        }
        return new Rule(recur, p.line(), recur.getCount() <= 0 && recur.getUntil() == null);
    }

    /**
     * The rule with its UNTIL of the same type as DTSTART, as §3.3.10 requires and ical4j needs: a date UNTIL on a
     * date-time event means the end of that day in the event's zone; a date-time UNTIL on an all-day event means its
     * day; a floating UNTIL on a zoned event is read in the event's zone.
     */
    private static String untilLike(String rule, Temporal start, ZoneId floating) {
        StringBuilder out = new StringBuilder();
        for (String part : rule.split(";")) {
            String p = part;
            if (part.regionMatches(true, 0, "UNTIL=", 0, 6)) {
                String u = part.substring(6).strip();
                if (start instanceof LocalDate && u.length() > 8) {
                    LocalDate day = u.endsWith("Z")
                            ? LocalDateTime.parse(u.substring(0, 15), IcsValues.LOCAL)
                                    .atZone(ZoneOffset.UTC)
                                    .withZoneSameInstant(floating)
                                    .toLocalDate()
                            : LocalDate.parse(u.substring(0, 8), IcsValues.DATE);
                    p = "UNTIL=" + IcsValues.DATE.format(day);
                } else if (start instanceof ZonedDateTime z && !u.endsWith("Z")) {
                    LocalDateTime local = u.length() == 8
                            ? LocalDate.parse(u, IcsValues.DATE).atTime(23, 59, 59)
                            : LocalDateTime.parse(u, IcsValues.LOCAL);
                    p = "UNTIL="
                            + IcsValues.LOCAL.format(ZonedDateTime.of(local, z.getZone())
                                    .withZoneSameInstant(ZoneOffset.UTC)
                                    .toLocalDateTime())
                            + "Z";
                }
            }
            out.append(out.length() == 0 ? "" : ";").append(p);
        }
        return out.toString();
    }

    private static Start rdate(Prop p, String value, Temporal start, TemporalAmount length, IcsValues values)
            throws IcsException {
        String v = value.strip();
        boolean period = p.param("VALUE").map(t -> t.equalsIgnoreCase("PERIOD")).orElse(false) || v.contains("/");
        if (!period) {
            Temporal t = values.dateOrDateTime(p, v);
            if (t instanceof LocalDate) {
                return new Start(t, start instanceof LocalDate ? length : Period.ofDays(1));
            }
            return new Start(t, length);
        }
        int slash = v.indexOf('/');
        if (slash < 0) {
            throw new IcsException(p.line(), "RDATE is not a period (start/end or start/duration)");
        }
        Temporal from = values.dateOrDateTime(p, v.substring(0, slash));
        String second = v.substring(slash + 1).strip();
        if (!(from instanceof ZonedDateTime f)) {
            throw new IcsException(p.line(), "RDATE period does not start with a date-time");
        }
        if (second.startsWith("P") || second.startsWith("+P")) {
            return new Start(f, values.duration(p, second));
        }
        Temporal to = values.dateOrDateTime(p, second);
        if (!(to instanceof ZonedDateTime t) || t.isBefore(f)) {
            throw new IcsException(p.line(), "RDATE period ends before it starts or does not end with a date-time");
        }
        return new Start(f, Duration.between(f, t));
    }

    String uid() {
        return uid;
    }

    int line() {
        return line;
    }

    boolean cancelled() {
        return cancelled;
    }

    Optional<Instant> recurrenceId() {
        return recurrenceId;
    }

    /** The UTC year of DTSTART. */
    int firstYear() {
        return LocalDateTime.ofInstant(instant(start, zone), ZoneOffset.UTC).getYear();
    }

    /** The instant a DATE (first instant of the day in {@code zone}) or DATE-TIME value stands for. */
    static Instant instant(Temporal t, ZoneId zone) {
        return t instanceof LocalDate d ? LocalTimes.startOfDay(d, zone) : ((ZonedDateTime) t).toInstant();
    }

    /**
     * Occurrences whose start falls in UTC {@code year}, skipping those whose start instant is in {@code replaced}
     * (moved or cancelled by a RECURRENCE-ID).
     */
    List<Interval> startingIn(int year, Set<Instant> replaced) throws IcsException {
        List<Start> starts = new ArrayList<>();
        starts.add(new Start(start, length));
        for (Rule r : rules) {
            for (Temporal t : expand(r, year)) {
                starts.add(new Start(t, length));
            }
        }
        starts.addAll(rdates);
        Set<Interval> out = new HashSet<>();
        for (Start s : starts) {
            Interval i = interval(s);
            if (LocalDateTime.ofInstant(i.start(), ZoneOffset.UTC).getYear() == year
                    && !i.isEmpty()
                    && !excluded(s.start())
                    && !replaced.contains(i.start())) {
                out.add(i);
            }
        }
        return List.copyOf(out);
    }

    private List<Temporal> expand(Rule r, int year) throws IcsException {
        int first = firstYear();
        if (year < first) {
            return List.of();
        }
        if (r.endless() && year > first + HORIZON_YEARS) {
            throw new IcsException(
                    r.line(),
                    "RRULE repeats forever; an event is expanded at most " + HORIZON_YEARS + " years past its DTSTART ("
                            + first + "), and " + year + " is later");
        }
        Temporal end = start instanceof LocalDate
                ? LocalDate.of(year + 1, 1, 2)
                : ZonedDateTime.of(year + 1, 1, 2, 0, 0, 0, 0, ZoneOffset.UTC)
                        .withZoneSameInstant(((ZonedDateTime) start).getZone());
        List<Temporal> dates;
        try {
            dates = r.recur().getDates(start, start, end, MAX_OCCURRENCES + 1);
        } catch (RuntimeException e) {
            throw new IcsException(r.line(), "RRULE cannot be expanded");
        }
        if (dates.size() > MAX_OCCURRENCES) {
            throw new IcsException(
                    r.line(),
                    "RRULE has more than " + MAX_OCCURRENCES + " occurrences from DTSTART to the end of " + year
                            + "; an event may have at most " + MAX_OCCURRENCES);
        }
        return dates;
    }

    private Interval interval(Start s) {
        if (s.start() instanceof LocalDate d) {
            return new Interval(LocalTimes.startOfDay(d, zone), LocalTimes.startOfDay(d.plus(s.length()), zone));
        }
        ZonedDateTime z = (ZonedDateTime) s.start();
        return new Interval(z.toInstant(), z.plus(s.length()).toInstant());
    }

    private boolean excluded(Temporal t) {
        if (t instanceof LocalDate d) {
            return exDays.contains(d) || exInstants.contains(LocalTimes.startOfDay(d, zone));
        }
        ZonedDateTime z = (ZonedDateTime) t;
        return exInstants.contains(z.toInstant()) || exDays.contains(z.toLocalDate());
    }
}
