package io.releaseguard.engine.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A five-field cron expression ({@code minute hour day-of-month month day-of-week}) with lists, ranges, steps and
 * the names JAN..DEC and SUN..SAT (0 and 7 are Sunday). As in Vixie cron, when both day fields are restricted a day
 * matches if either matches; when one starts with {@code *} both must. Firing times are local times in a zone,
 * mapped to instants by {@link LocalTimes}: a firing in a spring-forward gap happens at the transition, an
 * ambiguous one once, at its first occurrence.
 */
public final class CronExpression {
    private static final List<String> MONTHS =
            List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
    private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");
    private static final String[] FIELD_NAMES = {"minute", "hour", "day of month", "month", "day of week"};
    private static final int[] MIN = {0, 0, 1, 1, 0};
    private static final int[] MAX = {59, 23, 31, 12, 7};
    /** Long enough for a 29 February rule across a non-leap century year (2096 to 2104). */
    private static final int SEARCH_DAYS = 366 * 9;
    /** Longest stretch of local time that can map before an instant (a fall-back overlap), with margin. */
    private static final long OVERLAP_MARGIN_MINUTES = 180;

    private final String text;
    private final long minutes;
    private final long hours;
    private final long daysOfMonth;
    private final long months;
    private final long daysOfWeek;
    private final boolean domStar;
    private final boolean dowStar;

    private CronExpression(String text, long[] masks, boolean domStar, boolean dowStar) {
        this.text = text;
        this.minutes = masks[0];
        this.hours = masks[1];
        this.daysOfMonth = masks[2];
        this.months = masks[3];
        long dow = masks[4];
        this.daysOfWeek = (dow & (1L << 7)) != 0 ? (dow | 1L) & ~(1L << 7) : dow;
        this.domStar = domStar;
        this.dowStar = dowStar;
    }

    /**
     * Parses {@code text}.
     *
     * @throws CronSyntaxException naming the field and the offending text
     */
    public static CronExpression parse(String text) throws CronSyntaxException {
        String trimmed = text.strip();
        String[] fields = trimmed.isEmpty() ? new String[0] : trimmed.split("\\s+");
        if (fields.length != 5) {
            throw new CronSyntaxException(
                    "needs 5 fields (minute hour day-of-month month day-of-week), found " + fields.length);
        }
        long[] masks = new long[5];
        for (int i = 0; i < 5; i++) {
            masks[i] = field(fields[i], i);
        }
        CronExpression cron = new CronExpression(trimmed, masks, fields[2].startsWith("*"), fields[4].startsWith("*"));
        if (cron.firstDayAfter(LocalDate.of(2000, 1, 1), SEARCH_DAYS).isEmpty()) {
            throw new CronSyntaxException("never fires (no day matches " + fields[2] + " " + fields[3] + ")");
        }
        return cron;
    }

    private static long field(String spec, int index) throws CronSyntaxException {
        long mask = 0;
        for (String item : spec.split(",", -1)) {
            mask |= item(item, index);
        }
        return mask;
    }

    private static long item(String item, int index) throws CronSyntaxException {
        String name = FIELD_NAMES[index];
        if (item.isEmpty()) {
            throw new CronSyntaxException(name + " field \"" + item + "\" has an empty list element");
        }
        String range = item;
        int step = 1;
        int slash = item.indexOf('/');
        if (slash >= 0) {
            range = item.substring(0, slash);
            step = number(item.substring(slash + 1), index, true);
            if (step <= 0) {
                throw new CronSyntaxException(name + " step in \"" + item + "\" must be at least 1");
            }
        }
        int lo;
        int hi;
        if (range.equals("*")) {
            lo = MIN[index];
            hi = index == 4 ? 6 : MAX[index];
        } else {
            int dash = range.indexOf('-');
            lo = number(dash >= 0 ? range.substring(0, dash) : range, index, false);
            hi = dash >= 0 ? number(range.substring(dash + 1), index, false) : (slash >= 0 ? MAX[index] : lo);
            if (hi < lo) {
                throw new CronSyntaxException(name + " range \"" + range + "\" ends before it starts");
            }
        }
        long mask = 0;
        for (int v = lo; v <= hi; v += step) {
            mask |= 1L << v;
        }
        return mask;
    }

    private static int number(String token, int index, boolean isStep) throws CronSyntaxException {
        String name = FIELD_NAMES[index];
        String upper = token.toUpperCase(Locale.ROOT);
        if (!isStep && index == 3 && MONTHS.contains(upper)) {
            return MONTHS.indexOf(upper) + 1;
        }
        if (!isStep && index == 4 && DAYS.contains(upper)) {
            return DAYS.indexOf(upper);
        }
        int value;
        try {
            value = Integer.parseInt(token);
        } catch (NumberFormatException e) {
            String names = index == 3 ? " or JAN..DEC" : index == 4 ? " or SUN..SAT" : "";
            throw new CronSyntaxException(name + " \"" + token + "\" is not a number" + names);
        }
        if (!isStep && (value < MIN[index] || value > MAX[index])) {
            throw new CronSyntaxException(
                    name + " " + value + " is out of range (" + MIN[index] + "-" + MAX[index] + ")");
        }
        return value;
    }

    public boolean matchesDay(LocalDate d) {
        if ((months & (1L << d.getMonthValue())) == 0) {
            return false;
        }
        boolean dom = (daysOfMonth & (1L << d.getDayOfMonth())) != 0;
        boolean dow = (daysOfWeek & (1L << (d.getDayOfWeek().getValue() % 7))) != 0;
        if (domStar || dowStar) {
            return dom && dow;
        }
        return dom || dow;
    }

    /** Whether the local minute of {@code local} is a firing time (seconds ignored). */
    public boolean matches(LocalDateTime local) {
        return matchesDay(local.toLocalDate())
                && (hours & (1L << local.getHour())) != 0
                && (minutes & (1L << local.getMinute())) != 0;
    }

    private Optional<LocalDate> firstDayAfter(LocalDate from, int days) {
        LocalDate d = from;
        for (int i = 0; i < days; i++, d = d.plusDays(1)) {
            if (matchesDay(d)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    /** The first firing strictly after {@code after}, or empty if none within nine years. */
    public Optional<Instant> next(Instant after, ZoneId zone) {
        LocalDateTime from = LocalTimes.local(after, zone).truncatedTo(ChronoUnit.MINUTES);
        LocalDate day = from.toLocalDate();
        for (int i = 0; i < SEARCH_DAYS; i++, day = day.plusDays(1)) {
            if (!matchesDay(day)) {
                continue;
            }
            int minMinute = i == 0 ? from.getHour() * 60 + from.getMinute() : 0;
            for (long hs = hours; hs != 0; hs &= hs - 1) {
                int h = Long.numberOfTrailingZeros(hs);
                if (h * 60 + 59 < minMinute) {
                    continue;
                }
                for (long ms = minutes; ms != 0; ms &= ms - 1) {
                    int m = Long.numberOfTrailingZeros(ms);
                    if (h * 60 + m < minMinute) {
                        continue;
                    }
                    Instant t = LocalTimes.toInstant(LocalDateTime.of(day, LocalTime.of(h, m)), zone);
                    if (t.isAfter(after)) {
                        return Optional.of(t);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** The last firing at or before {@code atOrBefore}, or empty if none within nine years. */
    public Optional<Instant> previous(Instant atOrBefore, ZoneId zone) {
        LocalDateTime from = LocalTimes.local(atOrBefore, zone).plusMinutes(OVERLAP_MARGIN_MINUTES);
        LocalDate day = from.toLocalDate();
        for (int i = 0; i < SEARCH_DAYS; i++, day = day.minusDays(1)) {
            if (!matchesDay(day)) {
                continue;
            }
            int maxMinute = i == 0 ? from.getHour() * 60 + from.getMinute() : 24 * 60;
            for (long hs = hours; hs != 0; hs &= ~Long.highestOneBit(hs)) {
                int h = 63 - Long.numberOfLeadingZeros(hs);
                if (h * 60 > maxMinute) {
                    continue;
                }
                for (long ms = minutes; ms != 0; ms &= ~Long.highestOneBit(ms)) {
                    int m = 63 - Long.numberOfLeadingZeros(ms);
                    if (h * 60 + m > maxMinute) {
                        continue;
                    }
                    Instant t = LocalTimes.toInstant(LocalDateTime.of(day, LocalTime.of(h, m)), zone);
                    if (!t.isAfter(atOrBefore)) {
                        return Optional.of(t);
                    }
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return text;
    }

    /** A cron expression that cannot be parsed; the message names the field and the value. */
    public static final class CronSyntaxException extends Exception {
        private static final long serialVersionUID = 1L;

        public CronSyntaxException(String message) {
            super(message);
        }
    }
}
