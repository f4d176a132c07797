package io.releaseguard.engine.calendar;

import io.releaseguard.engine.calendar.IcsCalendar.IcsException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The RFC 5545 content lines of a calendar (§3.1): unfolded, split into name, parameters and value, nested into
 * components, each remembering its line. release-guard reads calendars itself instead of through ical4j's {@code
 * CalendarBuilder}, which registers a new {@code ZoneRulesProvider} with the JVM on every parse (a permanent leak in
 * a long-lived controller) and cannot say on which line a property stands. Errors name the line and never quote the
 * text, since a policy may point {@code ics} at a file that is not a calendar at all, such as a key.
 */
final class IcsContent {
    private IcsContent() {}

    /** A property: upper-case name, parameters with upper-case names, the raw value and its first line. */
    record Prop(String name, Map<String, String> params, String value, int line) {
        Optional<String> param(String key) {
            return Optional.ofNullable(params.get(key));
        }
    }

    /** A component ({@code VEVENT}, {@code VTIMEZONE}, ...) with its properties and sub-components, in file order. */
    record Component(String name, int line, List<Prop> props, List<Component> children) {
        Optional<Prop> first(String prop) {
            return props.stream().filter(p -> p.name().equals(prop)).findFirst();
        }

        List<Prop> all(String prop) {
            return props.stream().filter(p -> p.name().equals(prop)).toList();
        }
    }

    /** The {@code VCALENDAR} of {@code text}. */
    static Component parse(String text) throws IcsException {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        List<String> physical = body.lines().toList();
        List<Component> open = new ArrayList<>();
        Component calendar = null;
        StringBuilder logical = null;
        int logicalLine = 0;
        for (int i = 0; i <= physical.size(); i++) {
            String line = i < physical.size() ? physical.get(i) : null;
            if (line != null
                    && logical != null
                    && !line.isEmpty()
                    && (line.charAt(0) == ' ' || line.charAt(0) == '\t')) {
                logical.append(line, 1, line.length());
                continue;
            }
            if (logical != null) {
                calendar = accept(read(logical.toString(), logicalLine), open, calendar);
            }
            logical = line == null || line.isBlank() ? null : new StringBuilder(line);
            logicalLine = i + 1;
        }
        if (!open.isEmpty()) {
            Component unclosed = open.get(open.size() - 1);
            throw new IcsException(
                    unclosed.line(), "is not a valid iCalendar file: " + unclosed.name() + " is never ended");
        }
        if (calendar == null) {
            throw new IcsException(1, "is not an iCalendar file (no BEGIN:VCALENDAR)");
        }
        return calendar;
    }

    private static Component accept(Prop p, List<Component> open, Component calendar) throws IcsException {
        if (calendar != null && open.isEmpty()) {
            throw new IcsException(p.line(), "is not a valid iCalendar file: content after END:VCALENDAR");
        }
        if (p.name().equals("BEGIN")) {
            String name = componentName(p);
            if (open.isEmpty() && !name.equals("VCALENDAR")) {
                throw new IcsException(p.line(), "is not an iCalendar file (it must start with BEGIN:VCALENDAR)");
            }
            open.add(new Component(name, p.line(), new ArrayList<>(), new ArrayList<>()));
            return calendar;
        }
        if (open.isEmpty()) {
            throw new IcsException(p.line(), "is not an iCalendar file (it must start with BEGIN:VCALENDAR)");
        }
        Component current = open.get(open.size() - 1);
        if (p.name().equals("END")) {
            if (!componentName(p).equals(current.name())) {
                throw new IcsException(
                        p.line(), "is not a valid iCalendar file: END does not match BEGIN:" + current.name());
            }
            open.remove(open.size() - 1);
            Component done = new Component(
                    current.name(), current.line(), List.copyOf(current.props()), List.copyOf(current.children()));
            if (open.isEmpty()) {
                return done;
            }
            open.get(open.size() - 1).children().add(done);
            return calendar;
        }
        current.props().add(p);
        return calendar;
    }

    /** The component a BEGIN or END names; only RFC and {@code X-} names, so the message can show it. */
    private static String componentName(Prop p) throws IcsException {
        String name = p.value().strip().toUpperCase(Locale.ROOT);
        if (!name.matches("[A-Z][A-Z0-9-]{0,40}")) {
            throw new IcsException(
                    p.line(), "is not a valid iCalendar file: " + p.name() + " without a component name");
        }
        return name;
    }

    /** {@code NAME *(";" PARAM "=" VALUE *("," VALUE)) ":" VALUE}; parameter values may be quoted. */
    private static Prop read(String line, int number) throws IcsException {
        int i = 0;
        while (i < line.length() && line.charAt(i) != ';' && line.charAt(i) != ':') {
            i++;
        }
        String name = line.substring(0, i).strip().toUpperCase(Locale.ROOT);
        if (i == line.length() || !name.matches("[A-Z0-9-]+")) {
            throw new IcsException(number, "is not a valid iCalendar file: not a content line (NAME:VALUE)");
        }
        Map<String, String> params = new LinkedHashMap<>();
        while (line.charAt(i) == ';') {
            int eq = line.indexOf('=', i);
            if (eq < 0) {
                throw new IcsException(number, "is not a valid iCalendar file: a parameter has no value");
            }
            String key = line.substring(i + 1, eq).strip().toUpperCase(Locale.ROOT);
            StringBuilder value = new StringBuilder();
            int j = eq + 1;
            boolean quoted = false;
            for (; j < line.length(); j++) {
                char c = line.charAt(j);
                if (c == '"') {
                    quoted = !quoted;
                } else if (!quoted && (c == ';' || c == ':')) {
                    break;
                } else {
                    value.append(c);
                }
            }
            if (j == line.length()) {
                throw new IcsException(number, "is not a valid iCalendar file: a property has no value");
            }
            params.put(key, value.toString());
            i = j;
        }
        return new Prop(name, Map.copyOf(params), line.substring(i + 1), number);
    }
}
