package io.releaseguard.cli;

import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.calendar.CalendarEntry;
import io.releaseguard.engine.calendar.CalendarExport;
import io.releaseguard.engine.calendar.DeployCalendar;
import io.releaseguard.engine.calendar.HttpAndFileIcsFetcher;
import io.releaseguard.engine.calendar.LocalTimes;
import io.releaseguard.engine.config.ReleaseGuardConfig;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code release-guard calendar}: upcoming freezes and windows, as text, Markdown, ICS or JSON. */
@Command(name = "calendar", description = "List upcoming freezes and deployment windows.")
final class CalendarCommand extends Subcommand implements Callable<Integer> {
    /** The longest listing; long enough for a year's planning, short enough to stay readable. */
    static final int MAX_DAYS = 800;

    @Option(
            names = "--from",
            paramLabel = "DATE",
            description = "first day (YYYY-MM-DD in the policy's timezone; default: today)")
    private String from;

    @Option(names = "--days", paramLabel = "N", description = "number of days (default: 30)")
    private int days = 30;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            description = "text, md, ics or json (default: text; json with --json)")
    private String format;

    @Override
    public Integer call() throws Exception {
        ReleaseGuardConfig config = root.loadConfig();
        CalendarExport.Format f = format();
        if (days < 1 || days > MAX_DAYS) {
            throw new ReleaseGuardException(
                    ExitCode.INVALID, "--days " + days + " is out of range (1.." + MAX_DAYS + ")");
        }
        LocalDate first = from == null ? LocalDate.now(root.clock().withZone(config.timezone())) : date(from);
        Instant start = LocalTimes.startOfDay(first, config.timezone());
        Instant end = LocalTimes.startOfDay(first.plusDays(days), config.timezone());
        DeployCalendar calendar = DeployCalendar.compile(config, new HttpAndFileIcsFetcher(WindowCommand.ICS_TIMEOUT));
        List<CalendarEntry> entries = calendar.upcoming(start, end);
        out().print(CalendarExport.render(entries, start, end, config.timezone(), f));
        out().flush();
        return ExitCode.OK.code();
    }

    private CalendarExport.Format format() throws ReleaseGuardException {
        if (format == null) {
            return root.json() ? CalendarExport.Format.JSON : CalendarExport.Format.TEXT;
        }
        try {
            return CalendarExport.Format.parse(format);
        } catch (IllegalArgumentException e) {
            throw new ReleaseGuardException(
                    ExitCode.INVALID, "--format \"" + format + "\" is not one of text, md, ics, json");
        }
    }

    private static LocalDate date(String text) throws ReleaseGuardException {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new ReleaseGuardException(ExitCode.INVALID, "--from \"" + text + "\" is not a date (YYYY-MM-DD)");
        }
    }
}
