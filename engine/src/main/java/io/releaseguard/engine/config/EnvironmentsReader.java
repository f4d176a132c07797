package io.releaseguard.engine.config;

import io.releaseguard.engine.config.yaml.Node;
import io.releaseguard.engine.registry.TagTemplate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Reads {@code environments}: the ordered promotion path with each stop's windows, approvals and limits. */
final class EnvironmentsReader {
    private EnvironmentsReader() {}

    /** First pass: the names, so that every other section can check references to them. */
    static List<String> names(MapReader root) {
        Set<String> seen = new HashSet<>();
        return root.list("environments", (n, p) -> {
            if (!(n instanceof Node.MapNode m) || !m.entries().containsKey("name")) {
                return Optional.empty();
            }
            Node nameNode = m.entries().get("name").value();
            if (nameNode instanceof Node.ScalarNode s && seen.add(s.text())) {
                return Optional.of(s.text());
            }
            return Optional.empty();
        });
    }

    static List<EnvironmentSpec> read(MapReader root, ReadContext ctx) {
        if (!root.has("environments")) {
            root.missing("environments");
            return List.of();
        }
        Set<String> seen = new HashSet<>();
        List<EnvironmentSpec> envs = root.objects("environments", r -> environment(r, ctx, seen));
        if (root.node("environments").orElseThrow() instanceof Node.ListNode l
                && l.items().isEmpty()) {
            root.error("environments", "must list at least one environment");
        }
        return envs;
    }

    private static Optional<EnvironmentSpec> environment(MapReader r, ReadContext ctx, Set<String> seen) {
        Optional<String> name = r.name("name", true);
        name.filter(n -> !seen.add(n)).ifPresent(n -> r.error("name", "duplicate environment '" + n + "'"));
        boolean optional = r.bool("optional", false);
        List<WindowSpec> windows = CalendarRules.windows(r, ctx.zone());
        Optional<Duration> minInterval = r.duration("minInterval");
        Optional<Duration> soak = r.duration("soak");
        Optional<ApprovalPolicy> approvals = r.object("approvals", a -> approvals(a, ctx));
        Optional<KillSwitchSpec> killSwitch = r.object("killSwitch", SectionsReader::killSwitch);
        Optional<RegressionSpec> regression = r.object("regression", RegressionReader::regression);
        List<String> statuses = r.strings("requiredStatuses");
        Duration lease = r.duration("lockLease").orElse(EnvironmentSpec.DEFAULT_LOCK_LEASE);
        if (lease.isZero()) {
            r.error("lockLease", "must be longer than zero");
        }
        List<TagTemplate> retag = RegistryReader.retag(r, name, ctx);
        return name.map(n -> new EnvironmentSpec(
                n, optional, windows, minInterval, soak, approvals, killSwitch, regression, statuses, lease, retag));
    }

    static Optional<WindowSpec> window(MapReader w, ZoneId defaultZone) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        List<DayOfWeek> listed = w.list("days", (n, p) -> day(n, p, w));
        days.addAll(listed);
        if (!w.has("days")) {
            w.missing("days");
        } else if (listed.isEmpty()
                && w.node("days").orElseThrow() instanceof Node.ListNode l
                && l.items().isEmpty()) {
            w.error("days", "must list at least one day (MON..SUN)");
        }
        Optional<LocalTime> from = w.timeOfDay("from");
        Optional<LocalTime> to = w.timeOfDay("to");
        if (!w.has("from")) {
            w.missing("from");
        }
        if (!w.has("to")) {
            w.missing("to");
        }
        if (from.isPresent() && to.isPresent() && from.get().equals(to.get())) {
            w.error("to", "\"" + to.get() + "\" equals 'from'; a window must not be empty");
            return Optional.empty();
        }
        ZoneId zone = w.zone("timezone").orElse(defaultZone);
        if (from.isEmpty() || to.isEmpty() || days.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new WindowSpec(days, from.get(), to.get(), zone));
    }

    private static Optional<DayOfWeek> day(Node n, String path, MapReader w) {
        return Values.scalar(n, path, w.problems()).flatMap(text -> {
            for (DayOfWeek d : DayOfWeek.values()) {
                if (d.name().substring(0, 3).equals(text.toUpperCase(Locale.ROOT))) {
                    return Optional.of(d);
                }
            }
            w.problems()
                    .add(n.location(), path, Values.quote(text) + " is not a day (MON, TUE, WED, THU, FRI, SAT, SUN)");
            return Optional.empty();
        });
    }

    private static Optional<ApprovalPolicy> approvals(MapReader a, ReadContext ctx) {
        Optional<Integer> required = a.integer("required", 1, 100);
        List<String> reviewers = a.list(
                "reviewers", (n, p) -> Values.scalar(n, p, ctx.problems()).flatMap(s -> reviewer(s, n, p, ctx)));
        List<String> allOf =
                a.list("allOf", (n, p) -> Values.scalar(n, p, ctx.problems()).flatMap(s -> group(s, n, p, ctx)));
        boolean preventSelf = a.bool("preventSelfApproval", true);
        Optional<Duration> expires = a.duration("expiresAfter");
        boolean commentOnReject = a.bool("commentOnReject", true);
        boolean commentOnEmergency = a.bool("commentOnEmergency", true);
        Optional<Path> allowedSigners = allowedSigners(a, ctx);
        boolean requireSigned = a.bool("requireSignedApprovals", false);
        if (requireSigned && allowedSigners.isEmpty() && !a.has("allowedSigners")) {
            a.error(
                    "requireSignedApprovals",
                    "needs 'allowedSigners' (an OpenSSH allowed_signers file) to verify with");
            requireSigned = false;
        } else if (allowedSigners.isEmpty()) {
            requireSigned = false;
        }
        if (required.isEmpty() && allOf.isEmpty() && !a.has("required") && !a.has("allOf")) {
            ctx.problems().add(a.location(), a.path(), "set 'required' (N of reviewers) or 'allOf' (every group)");
        }
        if (required.isPresent() && reviewers.isEmpty() && a.has("required") && !a.has("reviewers")) {
            a.missing("reviewers");
        }
        if (required.isPresent()
                && !reviewers.isEmpty()
                && reviewers.stream().noneMatch(s -> s.startsWith(ApprovalPolicy.GROUP_PREFIX))
                && required.get() > reviewers.size()) {
            a.error(
                    "required",
                    required.get() + " approvals required but only " + reviewers.size() + " reviewers listed");
        }
        return Optional.of(new ApprovalPolicy(
                required,
                reviewers,
                allOf,
                preventSelf,
                expires,
                commentOnReject,
                commentOnEmergency,
                allowedSigners,
                requireSigned));
    }

    /** The allowed_signers file, relative to the policy's folder; it must exist now, so a typo fails validation. */
    private static Optional<Path> allowedSigners(MapReader a, ReadContext ctx) {
        return a.string("allowedSigners").flatMap(name -> {
            Path file = ctx.baseDir().resolve(name).toAbsolutePath().normalize();
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                a.error("allowedSigners", name + " cannot be read: no such file (relative to the policy's folder)");
                return Optional.empty();
            }
            return Optional.of(file);
        });
    }

    private static Optional<String> reviewer(String s, Node n, String p, ReadContext ctx) {
        if (s.startsWith(ApprovalPolicy.GROUP_PREFIX)) {
            return group(s.substring(ApprovalPolicy.GROUP_PREFIX.length()), n, p, ctx)
                    .map(g -> s);
        }
        return Values.userId(s, n, p, ctx.problems());
    }

    private static Optional<String> group(String g, Node n, String p, ReadContext ctx) {
        if (ctx.groups().contains(g)) {
            return Optional.of(g);
        }
        String hint = DidYouMean.closest(g, ctx.groups())
                .map(s -> "; did you mean '" + s + "'?")
                .orElse(ctx.groups().isEmpty() ? " (no groups are defined)" : "");
        ctx.problems().add(n.location(), p, "unknown group '" + g + "'" + hint);
        return Optional.empty();
    }
}
