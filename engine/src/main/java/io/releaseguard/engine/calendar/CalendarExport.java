package io.releaseguard.engine.calendar;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.ComponentList;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.PropertyList;
import net.fortuna.ical4j.model.component.CalendarComponent;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Categories;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;
import net.fortuna.ical4j.validate.ValidationException;

/**
 * Renders upcoming calendar entries as text, Markdown, JSON or an RFC 5545 calendar that imports into calendar
 * applications. Output is deterministic for the same entries and range (stable UIDs, DTSTAMP = range start), so a
 * published calendar does not churn.
 */
public final class CalendarExport {
    private CalendarExport() {}

    /** The output formats of {@code release-guard calendar}. */
    public enum Format {
        TEXT,
        MD,
        ICS,
        JSON;

        public static Format parse(String text) {
            return valueOf(text.toUpperCase(Locale.ROOT));
        }
    }

    public static String render(List<CalendarEntry> entries, Instant from, Instant to, ZoneId zone, Format format) {
        return switch (format) {
            case TEXT -> text(entries, zone);
            case MD -> markdown(entries, zone);
            case ICS -> ics(entries, from, to);
            case JSON -> CalendarJson.write(CalendarJson.entries(from, to, entries)) + "\n";
        };
    }

    /**
     * A table with a header row, columns padded to their widest cell. The local start column is left out when the
     * zone is UTC, where it would repeat the UTC one.
     */
    static String text(List<CalendarEntry> entries, ZoneId zone) {
        if (entries.isEmpty()) {
            return "no freezes or windows in this period\n";
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(header(
                zone, "KIND", "NAME", "ENVIRONMENTS", "START (UTC)", "END (UTC)", "START (%s)", "STATUS", "RULE"));
        for (CalendarEntry e : entries) {
            rows.add(cells(e, zone, ","));
        }
        int[] widths = new int[rows.get(0).size()];
        for (List<String> row : rows) {
            for (int c = 0; c < row.size(); c++) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.size(); c++) {
                line.append(c == row.size() - 1 ? row.get(c) : String.format("%-" + widths[c] + "s  ", row.get(c)));
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        return sb.toString();
    }

    static String markdown(List<CalendarEntry> entries, ZoneId zone) {
        List<String> header = header(
                zone, "Kind", "Name", "Environments", "Start (UTC)", "End (UTC)", "Start (%s)", "Status", "Rule");
        StringBuilder sb = new StringBuilder("| " + String.join(" | ", header) + " |\n|");
        sb.append("---|".repeat(header.size())).append('\n');
        for (CalendarEntry e : entries) {
            List<String> cells = cells(e, zone, ", ").stream()
                    .map(c -> c.replace("|", "\\|"))
                    .toList();
            sb.append("| ").append(String.join(" | ", cells)).append(" |\n");
        }
        return sb.toString();
    }

    private static boolean utc(ZoneId zone) {
        return zone.normalized().equals(ZoneOffset.UTC);
    }

    /** The column titles; the local one ({@code %s} = the zone) only when the zone is not UTC. */
    private static List<String> header(ZoneId zone, String... titles) {
        List<String> out = new ArrayList<>();
        for (String t : titles) {
            if (!t.contains("%s")) {
                out.add(t);
            } else if (!utc(zone)) {
                out.add(String.format(t, zone.getId()));
            }
        }
        return out;
    }

    private static List<String> cells(CalendarEntry e, ZoneId zone, String separator) {
        List<String> out = new ArrayList<>(List.of(
                e.kind().name(),
                e.name(),
                String.join(separator, e.environments()),
                e.start().toString(),
                Describe.end(e.end())));
        if (!utc(zone)) {
            out.add(Describe.local(e.start(), zone));
        }
        out.add(status(e));
        out.add(e.rule());
        return out;
    }

    /** {@code FROZEN} for a freeze, {@code OPEN} for a window, {@code FROZEN by a, b} for a window in freezes. */
    static String status(CalendarEntry e) {
        if (e.kind() == CalendarEntry.Kind.FREEZE) {
            return "FROZEN";
        }
        return e.frozen() ? "FROZEN by " + String.join(", ", e.frozenBy()) : "OPEN";
    }

    static String ics(List<CalendarEntry> entries, Instant from, Instant to) {
        List<CalendarComponent> events = new ArrayList<>();
        for (CalendarEntry e : entries) {
            Instant end = e.end().equals(Instant.MAX) ? to : e.end();
            String title = (e.kind() == CalendarEntry.Kind.FREEZE
                            ? "Freeze: "
                            : e.frozen()
                                    ? "Deploy window (FROZEN by " + String.join(", ", e.frozenBy()) + "): "
                                    : "Deploy window: ")
                    + e.name() + " (" + String.join(", ", e.environments()) + ")";
            VEvent event = new VEvent(e.start(), end, title);
            event.add(new Uid(uid(e) + "@release-guard"));
            // ical4j stamps new events with the current time; a fixed stamp keeps the output reproducible.
            event.replace(new DtStamp(from));
            event.add(new Description(e.rule()));
            event.add(new Categories(
                    e.kind() == CalendarEntry.Kind.FREEZE
                            ? "FREEZE"
                            : e.frozen() ? "FROZEN-DEPLOY-WINDOW" : "DEPLOY-WINDOW"));
            events.add(event);
        }
        List<Property> props = List.of(
                new ProdId("-//release-guard//calendar//EN"),
                ImmutableVersion.VERSION_2_0,
                ImmutableCalScale.GREGORIAN);
        Calendar calendar = new Calendar(new PropertyList(props), new ComponentList<>(events));
        StringWriter out = new StringWriter();
        try {
            new CalendarOutputter(true).output(calendar, out);
        } catch (IOException | ValidationException e) {
            throw new IllegalStateException("cannot write the calendar: " + e.getMessage(), e);
        }
        return out.toString();
    }

    private static String uid(CalendarEntry e) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            String key = e.kind() + "|" + e.name() + "|" + e.environments() + "|" + e.start();
            return HexFormat.of().formatHex(sha.digest(key.getBytes(StandardCharsets.UTF_8)), 0, 16);
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
