package io.releaseguard.engine.config;

import java.time.Duration;
import java.time.Instant;
import java.time.MonthDay;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the smaller top-level sections: groups, freezes, emergency, kill switch, webhooks, git. */
final class SectionsReader {
    private static final Pattern MONTH_DAY = Pattern.compile("(\\d{2})-(\\d{2})");

    private SectionsReader() {}

    static Map<String, List<String>> groups(MapReader root) {
        Problems problems = root.problems();
        return root.entries(
                "groups", (key, keyAt, value, path, schemaPath) -> Optional.of(Values.userList(value, path, problems)));
    }

    static List<FreezeSpec> freezes(MapReader root, ReadContext ctx) {
        Set<String> seen = new HashSet<>();
        return root.objects("freezes", f -> freeze(f, ctx, seen));
    }

    private static Optional<FreezeSpec> freeze(MapReader f, ReadContext ctx, Set<String> seen) {
        Optional<String> name = f.name("name", true);
        name.filter(n -> !seen.add(n)).ifPresent(n -> f.error("name", "duplicate freeze '" + n + "'"));
        List<String> envs = ctx.environments(f, "environments");
        ZoneId zone = f.zone("timezone").orElse(ctx.zone());
        List<String> kinds = new ArrayList<>();
        for (String k : List.of("yearly", "from", "cron", "ics")) {
            if (f.has(k)) {
                kinds.add(k);
            }
        }
        Optional<FreezeRule> rule = Optional.empty();
        if (kinds.isEmpty()) {
            ctx.problems().add(f.location(), f.path(), "set one of 'yearly', 'from'/'to', 'cron' or 'ics'");
        } else if (kinds.size() > 1) {
            f.error(
                    kinds.get(1),
                    "a freeze has exactly one rule; found both '" + kinds.get(0) + "' and '" + kinds.get(1) + "'");
        } else {
            rule = switch (kinds.get(0)) {
                case "yearly" -> f.object("yearly", y -> yearly(y, zone));
                case "from" -> oneOff(f);
                case "cron" -> f.object("cron", c -> cron(c, zone));
                default -> CalendarRules.ics(f, zone, ctx.baseDir(), ctx.files());
            };
        }
        if (!kinds.contains("from") && f.has("to")) {
            f.error("to", "'to' needs 'from' (a one-off freeze)");
        }
        if (name.isEmpty() || rule.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new FreezeSpec(name.get(), Set.copyOf(envs), rule.get()));
    }

    private static Optional<FreezeRule> yearly(MapReader y, ZoneId zone) {
        Optional<MonthDay> from = y.value("from", SectionsReader::monthDay, "a day of the year (MM-DD)");
        Optional<MonthDay> to = y.value("to", SectionsReader::monthDay, "a day of the year (MM-DD)");
        if (!y.has("from")) {
            y.missing("from");
        }
        if (!y.has("to")) {
            y.missing("to");
        }
        return from.flatMap(a -> to.map(b -> new FreezeRule.Yearly(a, b, zone)));
    }

    static MonthDay monthDay(String text) {
        Matcher m = MONTH_DAY.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException(text);
        }
        return MonthDay.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    private static Optional<FreezeRule> oneOff(MapReader f) {
        Optional<Instant> from =
                f.value("from", Instant::parse, "an instant (ISO-8601 with zone, e.g. 2026-12-01T00:00:00Z)");
        Optional<Instant> to =
                f.value("to", Instant::parse, "an instant (ISO-8601 with zone, e.g. 2026-12-02T06:00:00Z)");
        if (!f.has("to")) {
            f.missing("to");
        }
        if (from.isPresent() && to.isPresent() && !to.get().isAfter(from.get())) {
            f.error("to", "\"" + to.get() + "\" is not after 'from' (" + from.get() + "); the freeze would be empty");
            return Optional.empty();
        }
        return from.flatMap(a -> to.map(b -> new FreezeRule.OneOff(a, b)));
    }

    private static Optional<FreezeRule> cron(MapReader c, ZoneId zone) {
        Optional<String> start = CalendarRules.cron(c, "start");
        Optional<String> end = CalendarRules.cron(c, "end");
        if (start.isPresent()
                && end.isPresent()
                && start.get().strip().equals(end.get().strip())) {
            c.error("end", "equals 'start'; the freeze would be empty");
            return Optional.empty();
        }
        return start.flatMap(s -> end.map(e -> new FreezeRule.Cron(s, e, zone)));
    }

    static EmergencyPolicy emergency(MapReader root) {
        return root.object("emergency", e -> {
                    Set<EmergencyPolicy.Bypass> bypass = EnumSet.noneOf(EmergencyPolicy.Bypass.class);
                    bypass.addAll(e.list("bypass", (n, p) -> Values.scalar(n, p, e.problems())
                            .flatMap(s -> {
                                for (EmergencyPolicy.Bypass b : EmergencyPolicy.Bypass.values()) {
                                    if (b.key().equals(s)) {
                                        return Optional.of(b);
                                    }
                                }
                                List<String> keys = java.util.Arrays.stream(EmergencyPolicy.Bypass.values())
                                        .map(EmergencyPolicy.Bypass::key)
                                        .toList();
                                String hint = DidYouMean.closest(s, keys)
                                        .map(x -> "; did you mean '" + x + "'?")
                                        .orElse(" (one of " + String.join(", ", keys) + ")");
                                e.problems().add(n.location(), p, "cannot bypass '" + s + "'" + hint);
                                return Optional.empty();
                            })));
                    return Optional.of(new EmergencyPolicy(bypass, e.bool("requireReason", true)));
                })
                .orElse(EmergencyPolicy.DEFAULT);
    }

    static Optional<KillSwitchSpec> killSwitch(MapReader k) {
        Optional<KillSwitchSpec> env = k.string("env").map(KillSwitchSpec.EnvVar::new);
        Optional<KillSwitchSpec> file = k.string("file").map(KillSwitchSpec.File::new);
        Optional<String> url = k.value("url", SectionsReader::httpUrl, "an http(s) URL");
        String pointer = k.string("pointer").orElse("/enabled");
        Optional<KillSwitchSpec> http = url.map(u -> new KillSwitchSpec.Http(u, pointer));
        long count = java.util.stream.Stream.of(env, file, http)
                .filter(Optional::isPresent)
                .count();
        if (count != 1) {
            k.problems().add(k.location(), k.path(), "set exactly one of 'env', 'file' or 'url'");
            return Optional.empty();
        }
        return env.or(() -> file).or(() -> http);
    }

    static List<WebhookSpec> webhooks(MapReader root) {
        return root.object(
                        "notifications",
                        n -> Optional.of(n.objects("webhooks", w -> {
                            Optional<String> name = w.name("name", true);
                            Optional<String> url = w.value("url", SectionsReader::httpUrl, "an http(s) URL");
                            if (!w.has("url")) {
                                w.missing("url");
                            }
                            WebhookSpec.Format format = w.value(
                                            "format",
                                            t -> WebhookSpec.Format.valueOf(t.toUpperCase(Locale.ROOT)),
                                            "a webhook format (slack, teams, json)")
                                    .orElse(WebhookSpec.Format.JSON);
                            Set<WebhookSpec.Event> events = EnumSet.noneOf(WebhookSpec.Event.class);
                            events.addAll(
                                    w.list(
                                            "events",
                                            (e, p) -> Values.parsed(
                                                    e,
                                                    p,
                                                    w.problems(),
                                                    SectionsReader::event,
                                                    "an event (announced, live, failed, rolledBack, approvalRequested, oncallRollback)")));
                            if (!w.has("events")) {
                                events.addAll(EnumSet.allOf(WebhookSpec.Event.class));
                            }
                            return name.flatMap(nm -> url.map(u -> new WebhookSpec(nm, u, format, events)));
                        })))
                .orElse(List.of());
    }

    private static WebhookSpec.Event event(String text) {
        return WebhookSpec.Event.valueOf(
                text.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT));
    }

    static Optional<GitSpec> git(MapReader root) {
        return root.object("git", g -> {
            String repository = g.string("repository").orElse(".");
            String remote = g.value("remote", SshNames::remote, "a remote name, path or URL (not starting with '-')")
                    .orElse(GitSpec.DEFAULT_REMOTE);
            String branch = g.string("productionBranch").orElse("production");
            Pattern promotion = g.value("promotionCommit", Pattern::compile, "a regular expression")
                    .orElse(Pattern.compile("^Merge branch 'main' into " + Pattern.quote(branch)));
            List<String> irreversible = g.strings("irreversible");
            Optional<GitSpec.PullRequests> prs = g.object("pullRequests", p -> {
                Optional<GitSpec.Provider> provider = p.value(
                        "provider",
                        t -> GitSpec.Provider.valueOf(t.toUpperCase(Locale.ROOT)),
                        "a provider (github, gitea)");
                if (!p.has("provider")) {
                    p.missing("provider");
                }
                Optional<String> api = p.value("apiUrl", SectionsReader::httpUrl, "an http(s) URL");
                Optional<String> repo = p.requiredString("repository");
                String tokenEnv = p.string("tokenEnv").orElse("RELEASE_GUARD_GIT_TOKEN");
                return provider.flatMap(pv -> repo.map(r -> new GitSpec.PullRequests(
                        pv, api.orElse(pv == GitSpec.Provider.GITHUB ? "https://api.github.com" : ""), r, tokenEnv)));
            });
            return Optional.of(new GitSpec(repository, remote, branch, promotion, irreversible, prs));
        });
    }

    static List<Duration> followups(MapReader root) {
        if (!root.has("followups")) {
            return List.of(Duration.ofHours(1), Duration.ofHours(4), Duration.ofHours(12));
        }
        return root.list("followups", (n, p) -> Values.duration(n, p, root.problems()));
    }

    private static final Pattern SECRET_REF = Pattern.compile("\\$\\{[^}]*}");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(release|service|environment|tenant)}");

    static String httpUrl(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (!(lower.startsWith("http://") || lower.startsWith("https://")) || text.length() < 9) {
            throw new IllegalArgumentException(text);
        }
        // Placeholders (${env:NAME}, {tenant}, ...) stand for URL-safe text; what is around them must be a URL.
        java.net.URI.create(
                text.indexOf('{') < 0
                        ? text
                        : PLACEHOLDER
                                .matcher(SECRET_REF.matcher(text).replaceAll("x"))
                                .replaceAll("x"));
        return text;
    }
}
