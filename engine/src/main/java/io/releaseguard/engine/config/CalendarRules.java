package io.releaseguard.engine.config;

import io.releaseguard.engine.calendar.CronExpression;
import io.releaseguard.engine.calendar.Describe;
import io.releaseguard.engine.calendar.IcsCalendar;
import io.releaseguard.engine.calendar.IcsFetcher;
import io.releaseguard.engine.config.yaml.Node;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Validation of the calendar keys that needs the calendar engine: cron syntax, ICS files that must be readable,
 * and windows of one environment that overlap. Problems are located at the offending key like every other problem.
 */
final class CalendarRules {
    private static final int WEEK = 7 * 24 * 60;

    private CalendarRules() {}

    /** The cron expression under {@code key}, reported when it does not parse. */
    static Optional<String> cron(MapReader c, String key) {
        return c.requiredString(key).filter(text -> {
            try {
                CronExpression.parse(text);
                return true;
            } catch (CronExpression.CronSyntaxException e) {
                c.error(key, Values.quote(text) + " is not a cron expression: " + e.getMessage());
                return false;
            }
        });
    }

    /**
     * An ICS source: a URL is only checked for form (it is fetched when the calendar is evaluated); a file is read
     * and parsed now, so a missing or broken calendar fails the load instead of a later promotion.
     */
    static Optional<FreezeRule> ics(MapReader f, ZoneId zone, Path baseDir, PolicyFiles files) {
        return f.string("ics")
                .filter(source -> {
                    if (IcsFetcher.isUrl(source)) {
                        try {
                            URI uri = URI.create(source);
                            if (uri.getHost() == null) {
                                throw new IllegalArgumentException(source);
                            }
                            return true;
                        } catch (IllegalArgumentException e) {
                            f.error("ics", Values.quote(source) + " is not a valid URL");
                            return false;
                        }
                    }
                    if (source.contains("://")) {
                        f.error("ics", Values.quote(source) + " is not a file path or an http(s) URL");
                        return false;
                    }
                    if (!PathConfinement.readable(source, baseDir, files)) {
                        // Read and checked where the file is (the build's node), or refused by the confinement.
                        return true;
                    }
                    Path file = baseDir.resolve(source);
                    try {
                        IcsCalendar.parse(Files.readString(file, StandardCharsets.UTF_8), zone, source);
                        return true;
                    } catch (NoSuchFileException e) {
                        f.error("ics", source + " cannot be read: no such file");
                    } catch (IOException e) {
                        f.error(
                                "ics",
                                source + " cannot be read: " + e.getClass().getSimpleName());
                    } catch (IcsCalendar.IcsException e) {
                        f.error("ics", e.describe(source));
                    }
                    return false;
                })
                .map(source -> new FreezeRule.Ics(source, zone));
    }

    /** The windows of one environment; a window that overlaps an earlier one in the same zone is a problem. */
    static List<WindowSpec> windows(MapReader r, ZoneId zone) {
        List<Located> read = r.list("windows", (n, p) -> MapReader.of(n, p, r.problems())
                .flatMap(w -> w.read(x -> EnvironmentsReader.window(x, zone)))
                .map(w -> new Located(w, n, p)));
        List<WindowSpec> out = new ArrayList<>();
        for (int j = 0; j < read.size(); j++) {
            Located b = read.get(j);
            for (int i = 0; i < j; i++) {
                Located a = read.get(i);
                Optional<DayOfWeek> day = overlap(a.window(), b.window());
                if (day.isPresent()) {
                    r.problems()
                            .add(
                                    b.node().location(),
                                    b.path(),
                                    "overlaps " + a.path().substring(a.path().lastIndexOf('.') + 1) + " ("
                                            + Describe.window(a.window()) + ") on "
                                            + day.get().name().substring(0, 3).toUpperCase(Locale.ROOT)
                                            + "; merge them or make them disjoint");
                }
            }
            out.add(b.window());
        }
        return out;
    }

    /** The day on which an occurrence of {@code b} starts inside one of {@code a}, or vice versa. */
    private static Optional<DayOfWeek> overlap(WindowSpec a, WindowSpec b) {
        if (!a.zone().equals(b.zone())) {
            return Optional.empty();
        }
        for (DayOfWeek da : a.days()) {
            for (DayOfWeek db : b.days()) {
                long[] x = segment(a, da);
                long[] y = segment(b, db);
                for (long shift = -WEEK; shift <= WEEK; shift += WEEK) {
                    if (x[0] < y[1] + shift && y[0] + shift < x[1]) {
                        return Optional.of(x[0] <= y[0] + shift ? db : da);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** Minutes since Monday 00:00 of an occurrence, {@code [start, end)}; may run past the week's end. */
    private static long[] segment(WindowSpec w, DayOfWeek day) {
        long start = (day.getValue() - 1) * 1440L
                + w.from().getHour() * 60L
                + w.from().getMinute();
        long length = (w.to().toSecondOfDay() - w.from().toSecondOfDay()) / 60;
        if (length <= 0) {
            length += 1440;
        }
        return new long[] {start, start + length};
    }

    private record Located(WindowSpec window, Node node, String path) {}
}
