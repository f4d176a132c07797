package io.releaseguard.engine.calendar;

import io.releaseguard.engine.calendar.IcsCalendar.IcsException;
import io.releaseguard.engine.calendar.IcsContent.Prop;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.Temporal;
import java.time.temporal.TemporalAmount;
import java.util.Locale;
import java.util.regex.Pattern;
import net.fortuna.ical4j.model.TemporalAmountAdapter;

/**
 * Reads RFC 5545 DATE, DATE-TIME, PERIOD and DURATION values (§3.3) the same way for every property: a DATE is a
 * {@link LocalDate}; a DATE-TIME is a {@link ZonedDateTime} in UTC when it ends in {@code Z}, in the zone of the
 * property's {@code TZID}, or, when floating, in the freeze's zone. A local time that occurs twice means its first
 * occurrence and one that does not occur is read with the offset before the gap, as §3.3.5 prescribes.
 */
final class IcsValues {
    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuuMMdd", Locale.ROOT);
    static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss", Locale.ROOT);
    private static final Pattern DATE_VALUE = Pattern.compile("\\d{8}");
    private static final Pattern DATE_TIME_VALUE = Pattern.compile("\\d{8}T\\d{6}Z?");

    private final ZoneId floating;

    IcsValues(ZoneId floating) {
        this.floating = floating;
    }

    ZoneId floating() {
        return floating;
    }

    /** The property's single DATE or DATE-TIME value. */
    Temporal dateOrDateTime(Prop p) throws IcsException {
        return dateOrDateTime(p, p.value().strip());
    }

    /** One DATE or DATE-TIME value of {@code p} (which may hold a list). */
    Temporal dateOrDateTime(Prop p, String value) throws IcsException {
        String v = value.strip();
        boolean dateType = p.param("VALUE").map(t -> t.equalsIgnoreCase("DATE")).orElse(false);
        try {
            if (DATE_VALUE.matcher(v).matches()) {
                return LocalDate.parse(v, DATE);
            }
            if (!dateType && DATE_TIME_VALUE.matcher(v).matches()) {
                if (v.endsWith("Z")) {
                    return LocalDateTime.parse(v.substring(0, 15), LOCAL).atZone(ZoneOffset.UTC);
                }
                return ZonedDateTime.of(LocalDateTime.parse(v, LOCAL), zone(p));
            }
        } catch (DateTimeException e) {
            // Falls through to the message below: the digits are there but do not make a date.
        }
        throw new IcsException(p.line(), p.name() + " is not a " + (dateType ? "date" : "date or date-time"));
    }

    /** The zone of {@code p}'s DATE-TIME values that carry no {@code Z}. */
    ZoneId zone(Prop p) throws IcsException {
        if (p.param("TZID").isEmpty()) {
            return floating;
        }
        return IcsZones.resolve(p.param("TZID").get())
                .orElseThrow(() -> new IcsException(
                        p.line(),
                        p.name() + " has a TZID that is neither an IANA zone (Europe/Berlin) nor a Windows zone"
                                + " name (W. Europe Standard Time)"));
    }

    /**
     * A DURATION: weeks and days are nominal (the same local time that many days later), hours, minutes and seconds
     * exact, as §3.3.6 defines; negative durations are refused.
     */
    TemporalAmount duration(Prop p, String value) throws IcsException {
        TemporalAmount amount;
        try {
            amount = TemporalAmountAdapter.parse(value.strip()).getDuration();
        } catch (RuntimeException e) {
            throw new IcsException(p.line(), p.name() + " is not a duration (such as PT1H or P1D)");
        }
        if (amount instanceof Duration d && d.isNegative() || amount instanceof java.time.Period q && q.isNegative()) {
            throw new IcsException(p.line(), p.name() + " is a negative duration");
        }
        return amount;
    }

    /** Whether {@code t} is a whole day rather than an instant. */
    static boolean isDate(Temporal t) {
        return t instanceof LocalDate;
    }
}
