package io.releaseguard.engine.config;

import io.releaseguard.engine.config.yaml.Node;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads {@code trains} and {@code releaseCandidates}. Schedules are checked in shape here, fired by the train code. */
final class TrainsReader {
    private static final Pattern LINE = Pattern.compile("\\d+\\.\\d+");
    private static final Pattern SCHEDULE =
            Pattern.compile("on-demand|(weekly|biweekly) (MON|TUE|WED|THU|FRI|SAT|SUN) ([01]\\d|2[0-3]):[0-5]\\d");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]*)}");
    private static final Set<String> SCHEME_PARTS = Set.of("year", "minor", "patch", "n");
    private static final Pattern BRANCH = Pattern.compile("[A-Za-z0-9][A-Za-z0-9/._-]*");

    private TrainsReader() {}

    static Optional<TrainsSpec> trains(MapReader root, ReadContext ctx) {
        return root.object("trains", t -> {
            Optional<String> line = t.requiredString("line");
            line.filter(l -> !LINE.matcher(l).matches())
                    .ifPresent(l -> t.error("line", "\"" + l + "\" is not a version line (MAJOR.MINOR, e.g. \"0.5\")"));
            Set<String> names = t.node("tracks")
                    .filter(n -> n instanceof Node.MapNode)
                    .map(n -> ((Node.MapNode) n).entries().keySet())
                    .orElse(Set.of());
            Map<String, TrainsSpec.Track> tracks =
                    t.entries("tracks", (name, keyAt, value, path, schemaPath) -> MapReader.nested(
                                    value, path, schemaPath, ctx.problems())
                            .flatMap(r -> r.read(tr -> track(name, tr, ctx, names))));
            Optional<TrainsSpec.OnCall> onCall = t.object("onCall", TrainsReader::onCall);
            boolean skip = t.bool("skipWithoutOnCall", true);
            return line.map(l -> new TrainsSpec(l, tracks, onCall, skip));
        });
    }

    private static Optional<TrainsSpec.Track> track(String name, MapReader r, ReadContext ctx, Set<String> tracks) {
        Optional<String> schedule = r.requiredString("schedule");
        schedule.filter(s -> !SCHEDULE.matcher(s).matches())
                .ifPresent(
                        s -> r.error(
                                "schedule",
                                "\"" + s
                                        + "\" is not a schedule (\"weekly TUE 14:00\", \"biweekly WED 14:00\" or \"on-demand\")"));
        ZoneId zone = r.zone("timezone").orElse(ctx.zone());
        Optional<String> promotesTo = r.string("promotesTo");
        Optional<Duration> soak = r.duration("soak");
        Optional<LocalDate> anchor = r.value("anchor", LocalDate::parse, "a date (YYYY-MM-DD)");
        Optional<String> from = r.string("from");
        Optional<String> environment = r.string("environment")
                .flatMap(e -> ctx.environment(e, r.node("environment").orElseThrow(), r.pathOf("environment")));
        Optional<String> branch = r.string("branch");
        branch.filter(b -> !BRANCH.matcher(b).matches() || b.contains(".."))
                .ifPresent(b ->
                        r.error("branch", "\"" + b + "\" is not a branch name (letters, digits, '/', '.', '_', '-')"));
        for (String key : List.of("promotesTo", "from")) {
            r.string(key)
                    .filter(t -> !tracks.contains(t))
                    .ifPresent(t -> r.error(
                            key,
                            "unknown track '" + t + "'"
                                    + DidYouMean.closest(t, tracks)
                                            .map(s -> "; did you mean '" + s + "'?")
                                            .orElse("")));
        }
        if (schedule.filter(s -> s.startsWith("biweekly")).isPresent() && anchor.isEmpty() && !r.has("anchor")) {
            r.error("schedule", "a biweekly schedule needs an 'anchor' date");
        }
        return schedule.map(
                s -> new TrainsSpec.Track(name, s, zone, promotesTo, soak, anchor, from, environment, branch));
    }

    private static Optional<TrainsSpec.OnCall> onCall(MapReader o) {
        List<String> rotation = o.strings("rotation");
        Optional<LocalDate> startsOn = o.value("startsOn", LocalDate::parse, "a date (YYYY-MM-DD)");
        Duration every = o.duration("every").orElse(Duration.ofDays(7));
        Map<LocalDate, String> explicit = new HashMap<>();
        o.entries("dates", (date, keyAt, value, path, sp) -> {
            try {
                LocalDate d = LocalDate.parse(date);
                Values.scalar(value, path, o.problems()).ifPresent(who -> explicit.put(d, who));
            } catch (RuntimeException e) {
                o.problems().add(keyAt, path, "\"" + date + "\" is not a date (YYYY-MM-DD)");
            }
            return Optional.empty();
        });
        if (!rotation.isEmpty() && startsOn.isEmpty() && !o.has("startsOn")) {
            o.missing("startsOn");
        }
        if (rotation.isEmpty() && explicit.isEmpty()) {
            o.problems().add(o.location(), o.path(), "set 'rotation' (with 'startsOn') or 'dates'");
        }
        return Optional.of(new TrainsSpec.OnCall(rotation, startsOn, every, explicit));
    }

    /** The final version is the scheme up to the text before {n}, so {n} must be the last placeholder. */
    private static Optional<String> schemeProblem(String scheme) {
        if (!scheme.contains("{n}")) {
            return Optional.of("must contain {n} (the candidate number)");
        }
        var m = PLACEHOLDER.matcher(scheme);
        String last = null;
        while (m.find()) {
            last = m.group(1);
            if (!SCHEME_PARTS.contains(last)) {
                return Optional.of("uses unknown placeholder {" + last + "} (known: {year}, {minor}, {patch}, {n})");
            }
        }
        if (!"n".equals(last) || scheme.endsWith("}{n}") || scheme.startsWith("{n}")) {
            return Optional.of("must end with {n} after a separator (e.g. \"{year}.{minor}.{patch}-rc.{n}\")");
        }
        return Optional.empty();
    }

    static Optional<ReleaseCandidateSpec> releaseCandidates(MapReader root) {
        return root.object("releaseCandidates", rc -> {
            String scheme = rc.string("scheme").orElse("{year}.{minor}.{patch}-rc.{n}");
            schemeProblem(scheme).ifPresent(p -> rc.error("scheme", "\"" + scheme + "\" " + p));
            Map<String, List<String>> approvers = rc.entries(
                    "approvers",
                    (g, keyAt, value, path, sp) -> Optional.of(Values.userList(value, path, rc.problems())));
            boolean onePerGroup = rc.bool("oneApprovalPerGroup", true);
            return Optional.of(new ReleaseCandidateSpec(scheme, approvers, onePerGroup));
        });
    }
}
