package io.releaseguard.engine.calendar;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneId;
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

    static String text(List<CalendarEntry> entries, ZoneId zone) {
        if (entries.isEmpty()) {
            return "no freezes or windows in this period\n";
        }
        StringBuilder sb = new StringBuilder();
        for (CalendarEntry e : entries) {
            sb.append(String.format(
                    "%-6s %-20s %s -> %s  (%s)  %s; %s%n",
                    e.kind(),
                    e.name(),
                    e.start(),
                    Describe.end(e.end()),
                    Describe.local(e.start(), zone),
                    String.join(",", e.environments()),
                    e.rule()));
        }
        return sb.toString();
    }

    static String markdown(List<CalendarEntry> entries, ZoneId zone) {
        StringBuilder sb = new StringBuilder("| Kind | Name | Environments | Start (UTC) | End (UTC) | Start ("
                + zone.getId() + ") | Rule |\n|---|---|---|---|---|---|---|\n");
        for (CalendarEntry e : entries) {
            sb.append("| ")
                    .append(e.kind())
                    .append(" | ")
                    .append(e.name())
                    .append(" | ")
                    .append(String.join(", ", e.environments()))
                    .append(" | ")
                    .append(e.start())
                    .append(" | ")
                    .append(Describe.end(e.end()))
                    .append(" | ")
                    .append(Describe.local(e.start(), zone))
                    .append(" | ")
                    .append(e.rule().replace("|", "\\|"))
                    .append(" |\n");
        }
        return sb.toString();
    }

    static String ics(List<CalendarEntry> entries, Instant from, Instant to) {
        List<CalendarComponent> events = new ArrayList<>();
        for (CalendarEntry e : entries) {
            Instant end = e.end().equals(Instant.MAX) ? to : e.end();
            String title = (e.kind() == CalendarEntry.Kind.FREEZE ? "Freeze: " : "Deploy window: ") + e.name() + " ("
                    + String.join(", ", e.environments()) + ")";
            VEvent event = new VEvent(e.start(), end, title);
            event.add(new Uid(uid(e) + "@release-guard"));
            // ical4j stamps new events with the current time; a fixed stamp keeps the output reproducible.
            event.replace(new DtStamp(from));
            event.add(new Description(e.rule()));
            event.add(new Categories(e.kind() == CalendarEntry.Kind.FREEZE ? "FREEZE" : "DEPLOY-WINDOW"));
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
