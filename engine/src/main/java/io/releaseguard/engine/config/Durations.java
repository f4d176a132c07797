package io.releaseguard.engine.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the durations a policy file may contain: compact forms ({@code 90s}, {@code 30m}, {@code 48h}, {@code
 * 7d}, {@code 1w}, {@code 500ms}, combined as {@code 1h30m}) and ISO-8601 ({@code PT48H}, {@code P7D}). A day is
 * always 24 hours: durations measure elapsed time, not calendar days.
 */
public final class Durations {
    private static final Pattern COMPACT = Pattern.compile("(\\d+)(ms|s|m|h|d|w)");

    private Durations() {}

    /** Parses {@code text}, or throws {@link IllegalArgumentException} with a message that shows the input. */
    public static Duration parse(String text) {
        String t = text.trim();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("empty duration");
        }
        if (t.toUpperCase(Locale.ROOT).startsWith("P")) {
            try {
                return nonNegative(Duration.parse(t.toUpperCase(Locale.ROOT)), text);
            } catch (DateTimeParseException e) {
                throw invalid(text);
            }
        }
        Matcher m = COMPACT.matcher(t);
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find()) {
            if (m.start() != end) {
                throw invalid(text);
            }
            long n;
            try {
                n = Long.parseLong(m.group(1));
            } catch (NumberFormatException e) {
                throw invalid(text);
            }
            try {
                total = total.plus(
                        switch (m.group(2)) {
                            case "ms" -> Duration.ofMillis(n);
                            case "s" -> Duration.ofSeconds(n);
                            case "m" -> Duration.ofMinutes(n);
                            case "h" -> Duration.ofHours(n);
                            case "d" -> Duration.ofDays(n);
                            case "w" -> Duration.ofDays(Math.multiplyExact(7, n));
                            default -> throw invalid(text);
                        });
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("\"" + text + "\" is too long a duration");
            }
            end = m.end();
        }
        if (end != t.length() || end == 0) {
            throw invalid(text);
        }
        return total;
    }

    /** Formats a duration in the compact form users write ({@code 48h}, {@code 1h30m}, {@code 7d}). */
    public static String format(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        StringBuilder sb = new StringBuilder();
        long days = d.toDays();
        if (days > 0) {
            sb.append(days).append('d');
        }
        if (d.toHoursPart() > 0) {
            sb.append(d.toHoursPart()).append('h');
        }
        if (d.toMinutesPart() > 0) {
            sb.append(d.toMinutesPart()).append('m');
        }
        if (d.toSecondsPart() > 0) {
            sb.append(d.toSecondsPart()).append('s');
        }
        if (d.toMillisPart() > 0) {
            sb.append(d.toMillisPart()).append("ms");
        }
        return sb.toString();
    }

    private static Duration nonNegative(Duration d, String text) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("\"" + text + "\" is negative; durations must be zero or more");
        }
        return d;
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException(
                "\"" + text + "\" is not a duration (use 90s, 30m, 48h, 7d, or ISO-8601 such as PT48H)");
    }
}
