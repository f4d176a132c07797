package io.releaseguard.engine.calendar;

import io.releaseguard.engine.config.FreezeRule;
import io.releaseguard.engine.config.WindowSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The wording of calendar rules and instants in messages, kept in one place so every surface says the same. */
public final class Describe {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm", Locale.ROOT);

    private Describe() {}

    /** {@code TUE,WED 14:00-18:00 Europe/Berlin}. */
    public static String window(WindowSpec w) {
        String days =
                w.days().stream().sorted().map(d -> d.name().substring(0, 3)).collect(Collectors.joining(","));
        return days + " " + w.from() + "-" + w.to() + " " + w.zone().getId();
    }

    public static String windows(List<WindowSpec> windows) {
        return windows.stream().map(Describe::window).collect(Collectors.joining("; "));
    }

    /** The rule as written in the policy, with its zone. */
    public static String rule(FreezeRule rule) {
        if (rule instanceof FreezeRule.Yearly y) {
            return "yearly " + y.from().toString().substring(2) + ".."
                    + y.to().toString().substring(2) + " " + y.zone().getId();
        }
        if (rule instanceof FreezeRule.Cron c) {
            return "cron '" + c.start() + "' to '" + c.end() + "' " + c.zone().getId();
        }
        if (rule instanceof FreezeRule.Ics i) {
            return "ics " + i.source();
        }
        return "one-off";
    }

    /** An instant with its local rendering: {@code 2026-12-24T10:00:00Z (Thu 2026-12-24 11:00 Europe/Berlin)}. */
    public static String instant(Instant t, ZoneId zone) {
        return t + " (" + local(t, zone) + ")";
    }

    public static String local(Instant t, ZoneId zone) {
        return LOCAL.format(t.atZone(zone)) + " " + zone.getId();
    }

    public static String end(Instant end) {
        return end.equals(Instant.MAX) ? "never" : end.toString();
    }

    /** A non-negative duration in hours and minutes, the unit intervals are written in: {@code 31h}, {@code 47h59m}. */
    public static String hours(Duration d) {
        long minutes = d.toMinutes();
        return minutes % 60 == 0 ? minutes / 60 + "h" : minutes / 60 + "h" + minutes % 60 + "m";
    }
}
