package io.releaseguard.engine.config;

import io.releaseguard.engine.config.yaml.Node;
import io.releaseguard.engine.deploy.JsonBodyTemplate;
import io.releaseguard.engine.target.TargetPaths;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads {@code services}: the ordered rollout with endpoints, health checks, fleets, snapshots and deploy actions. */
final class ServicesReader {
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST");

    private ServicesReader() {}

    static List<ServiceSpec> read(MapReader root, ReadContext ctx) {
        Set<String> seen = new HashSet<>();
        return root.objects("services", s -> service(s, ctx, seen));
    }

    private static Optional<ServiceSpec> service(MapReader s, ReadContext ctx, Set<String> seen) {
        Optional<String> name = s.name("name", true);
        name.filter(n -> !seen.add(n)).ifPresent(n -> s.error("name", "duplicate service '" + n + "'"));
        Map<String, String> endpoints = envUrls(s, "endpoints", ctx);
        List<String> paths = s.strings("paths");
        Set<String> checkNames = new HashSet<>();
        List<HealthCheckSpec> health = s.objects("health", h -> health(h, checkNames));
        Optional<BuildInfoSpec> buildinfo = s.object("buildinfo", b -> {
            Optional<String> path = b.requiredString("path");
            String pointer = b.string("pointer").orElse("/git_sha");
            checkPointer(b, "pointer", pointer);
            return path.map(p -> new BuildInfoSpec(p, pointer));
        });
        List<TenantSpec> tenants = s.objects("tenants", t -> {
            Optional<String> tn = t.name("name", true);
            Map<String, String> urls = new LinkedHashMap<>();
            t.value("url", SectionsReader::httpUrl, "an http(s) URL")
                    .ifPresent(u -> ctx.environments().forEach(e -> urls.put(e, u)));
            urls.putAll(envUrls(t, "endpoints", ctx));
            if (urls.isEmpty() && !t.has("url") && !t.has("endpoints")) {
                ctx.problems().add(t.location(), t.path(), "set 'url' or 'endpoints'");
            }
            return tn.map(n -> new TenantSpec(n, urls));
        });
        Map<String, String> tenantsUrl = envUrls(s, "tenantsUrl", ctx);
        Optional<FleetSpec> fleet = s.object("fleet", ServicesReader::fleet);
        if (fleet.isPresent() && tenants.isEmpty() && tenantsUrl.isEmpty()) {
            s.error("fleet", "a fleet needs 'tenants' or 'tenantsUrl'");
        }
        Optional<SnapshotSpec> snapshot = s.object("snapshot", ServicesReader::snapshot);
        int keep = s.integer("keepSnapshots", 1, 1000).orElse(ServiceSpec.DEFAULT_KEEP_SNAPSHOTS);
        boolean checked = !health.isEmpty() || buildinfo.isPresent();
        Set<String> checkedIn = new java.util.TreeSet<>(endpoints.keySet());
        checkedIn.addAll(tenantsUrl.keySet());
        tenants.forEach(t -> checkedIn.addAll(t.endpoints().keySet()));
        boolean isFleet = !tenants.isEmpty() || !tenantsUrl.isEmpty();
        Optional<DeploySpec> deploy = s.object("deploy", d -> deploy(d, ctx, isFleet, checked ? checkedIn : Set.of()));
        Map<String, TargetSpec> targets = s.entries("targets", (env, keyAt, value, path, schemaPath) -> {
            if (!ctx.environments().contains(env)) {
                ctx.environment(env, value, path);
                return Optional.empty();
            }
            return MapReader.nested(value, path, schemaPath, ctx.problems())
                    .flatMap(t -> t.read(ServicesReader::target));
        });
        Optional<String> image = RegistryReader.image(s, ctx);
        return name.map(n -> new ServiceSpec(
                n,
                endpoints,
                paths,
                health,
                buildinfo,
                tenants,
                tenantsUrl,
                fleet,
                snapshot,
                keep,
                deploy,
                targets,
                image));
    }

    /** A mapping from environment names to URLs; both checked. */
    private static Map<String, String> envUrls(MapReader r, String key, ReadContext ctx) {
        return r.entries(key, (env, keyAt, value, path, schemaPath) -> {
            if (!ctx.environments().contains(env)) {
                ctx.environment(env, new Node.NullNode(keyAt), path);
                return Optional.empty();
            }
            return Values.parsed(value, path, ctx.problems(), SectionsReader::httpUrl, "an http(s) URL");
        });
    }

    private static Optional<HealthCheckSpec> health(MapReader h, Set<String> names) {
        Optional<String> name = h.name("name", true);
        name.filter(n -> !names.add(n)).ifPresent(n -> h.error("name", "duplicate health check '" + n + "'"));
        String path = h.string("path").orElse("/");
        if (!path.startsWith("/")) {
            h.error("path", "\"" + path + "\" must start with '/' (it is joined to the environment's endpoint)");
        }
        String method = h.value(
                        "method",
                        t -> {
                            String m = t.toUpperCase(Locale.ROOT);
                            if (!METHODS.contains(m)) {
                                throw new IllegalArgumentException(t);
                            }
                            return m;
                        },
                        "a method (GET, HEAD, POST)")
                .orElse("GET");
        Map<String, String> headers = h.stringMap("headers");
        Optional<String> body = h.string("body");
        if (body.isPresent() && !method.equals("POST")) {
            h.error("body", "a body needs method POST");
        }
        List<Integer> expect = h.list("expectStatus", (n, p) -> Values.integer(n, p, h.problems(), 100, 599));
        Duration timeout = h.duration("timeout").orElse(HealthCheckSpec.DEFAULT_TIMEOUT);
        if (timeout.isZero()) {
            h.error("timeout", "must be longer than zero");
        }
        int retries = h.integer("retries", 0, 10).orElse(0);
        Severity severity = severity(h, "severity").orElse(Severity.FATAL);
        long maxBody = h.value("maxBodyBytes", ByteSizes::parse, "a size (e.g. 512KiB, 1MiB, 1048576)")
                .orElse(HealthCheckSpec.DEFAULT_MAX_BODY_BYTES);
        List<HealthCheckSpec.JsonAssertion> json = h.objects("json", ServicesReader::jsonAssertion);
        Optional<Pattern> matches = h.value("bodyMatches", Pattern::compile, "a regular expression");
        return name.map(n -> new HealthCheckSpec(
                n,
                path,
                method,
                headers,
                body,
                expect.isEmpty() ? List.of(200) : expect,
                timeout,
                retries,
                severity,
                maxBody,
                json,
                matches));
    }

    private static Optional<HealthCheckSpec.JsonAssertion> jsonAssertion(MapReader j) {
        Optional<String> pointer = j.requiredString("pointer");
        pointer.ifPresent(p -> checkPointer(j, "pointer", p));
        Optional<String> equals = j.string("equals");
        Optional<Double> min = j.number("min");
        Optional<Double> max = j.number("max");
        Optional<Boolean> exists = j.has("exists") ? Optional.of(j.bool("exists", true)) : Optional.empty();
        Optional<Severity> severity = severity(j, "severity");
        if (equals.isEmpty()
                && min.isEmpty()
                && max.isEmpty()
                && exists.isEmpty()
                && !j.has("equals")
                && !j.has("min")
                && !j.has("max")) {
            j.problems().add(j.location(), j.path(), "set at least one of 'equals', 'min', 'max' or 'exists'");
        }
        if (min.isPresent() && max.isPresent() && min.get() > max.get()) {
            j.error("max", max.get() + " is below min " + min.get());
        }
        return pointer.map(p -> new HealthCheckSpec.JsonAssertion(p, equals, min, max, exists, severity));
    }

    private static void checkPointer(MapReader r, String key, String pointer) {
        if (!pointer.isEmpty() && !pointer.startsWith("/")) {
            r.error(key, "\"" + pointer + "\" is not a JSON Pointer (RFC 6901: empty, or starting with '/')");
        }
    }

    private static Optional<Severity> severity(MapReader r, String key) {
        return r.value(key, t -> Severity.valueOf(t.toUpperCase(Locale.ROOT)), "a severity (fatal, warn)");
    }

    private static Optional<FleetSpec> fleet(MapReader f) {
        List<String> canary = List.of();
        int canaryCount = 1;
        Optional<Node> c = f.node("canary");
        if (c.isPresent() && c.get() instanceof Node.ListNode) {
            canary = f.strings("canary");
            canaryCount = canary.size();
        } else if (c.isPresent()) {
            canaryCount = f.integer("canary", 0, 100_000).orElse(1);
        }
        Duration canarySoak = f.duration("canarySoak").orElse(Duration.ZERO);
        int batchSize = f.integer("batchSize", 1, 100_000).orElse(10);
        Duration between = f.duration("soakBetweenBatches").orElse(Duration.ZERO);
        return Optional.of(new FleetSpec(canary, canaryCount, canarySoak, batchSize, between));
    }

    private static Optional<SnapshotSpec> snapshot(MapReader s) {
        List<String> files = s.list(
                "files", (n, path) -> Values.scalar(n, path, s.problems()).flatMap(f -> {
                    Optional<String> problem = TargetPaths.problem(f);
                    problem.ifPresent(p -> s.problems().add(n.location(), path, "\"" + f + "\" is refused: " + p));
                    return problem.isPresent() ? Optional.empty() : Optional.of(f);
                }));
        long maxFileBytes = s.value("maxFileBytes", ByteSizes::parse, "a size (e.g. 512KiB, 64MiB, 1048576)")
                .orElse(SnapshotSpec.DEFAULT_MAX_FILE_BYTES);
        if (maxFileBytes < 1 || maxFileBytes > SnapshotSpec.MAX_FILE_BYTES_LIMIT) {
            s.error(
                    "maxFileBytes",
                    "must be between 1 byte and " + SnapshotSpec.MAX_FILE_BYTES_LIMIT + " bytes (1GiB)");
        }
        Optional<String> imagesCommand = Optional.empty();
        List<String> images = List.of();
        Optional<Node> imagesNode = s.node("images");
        if (imagesNode.isPresent() && imagesNode.get() instanceof Node.MapNode) {
            imagesCommand = s.object("images", i -> i.requiredString("command"));
        } else if (imagesNode.isPresent()) {
            images = s.strings("images");
        }
        Optional<String> restore = s.string("restore");
        return Optional.of(new SnapshotSpec(files, imagesCommand, images, restore, maxFileBytes));
    }

    /**
     * @param checkedIn the environments where the service's health checks run: a blue/green deploy needs a preview
     *     URL in each, since the new version is checked there before traffic moves to it
     */
    private static Optional<DeploySpec> deploy(MapReader d, ReadContext ctx, boolean isFleet, Set<String> checkedIn) {
        Optional<DeploySpec> command = d.string("command").map(DeploySpec.Command::new);
        Optional<DeploySpec> http = d.object("http", h -> {
            Optional<String> url = h.value("url", SectionsReader::httpUrl, "an http(s) URL");
            if (!h.has("url")) {
                h.missing("url");
            }
            String method = h.string("method").orElse("POST").toUpperCase(Locale.ROOT);
            Map<String, String> headers = h.stringMap("headers");
            Optional<String> body = h.string("body");
            body.flatMap(JsonBodyTemplate::problem).ifPresent(p -> h.error("body", p));
            return url.map(u -> new DeploySpec.Http(u, method, headers, body));
        });
        Optional<DeploySpec> blueGreen = d.object("blueGreen", b -> {
            Optional<String> start = b.requiredString("start");
            Optional<String> sw = b.requiredString("switch");
            Optional<String> retire = b.string("retire");
            Map<String, String> preview = envUrls(b, "preview", ctx);
            Map<String, Node.Entry> written = b.node("preview")
                    .filter(Node.MapNode.class::isInstance)
                    .map(n -> ((Node.MapNode) n).entries())
                    .orElse(Map.of());
            preview.forEach((env, url) -> {
                if (isFleet && !url.contains("{tenant}")) {
                    ctx.problems()
                            .add(
                                    written.get(env).value().location(),
                                    b.pathOf("preview") + "." + env,
                                    "\"" + url + "\" has no {tenant}: each tenant's new version needs its own URL");
                }
            });
            List<String> uncovered =
                    checkedIn.stream().filter(e -> !written.containsKey(e)).toList();
            if (!uncovered.isEmpty()) {
                ctx.problems()
                        .add(
                                b.node("preview").map(Node::location).orElse(b.location()),
                                b.pathOf("preview"),
                                "has no URL for " + String.join(", ", uncovered)
                                        + ", where the service is health-checked: the new version is checked there"
                                        + " before traffic is switched to it");
            }
            return start.flatMap(st -> sw.map(x -> new DeploySpec.BlueGreen(st, x, retire, preview)));
        });
        long count = java.util.stream.Stream.of("command", "http", "blueGreen")
                .filter(d::has)
                .count();
        if (count != 1) {
            d.problems().add(d.location(), d.path(), "set exactly one of 'command', 'http' or 'blueGreen'");
            return Optional.empty();
        }
        return command.or(() -> http).or(() -> blueGreen);
    }

    private static Optional<String> required(
            MapReader r, String key, java.util.function.Function<String, String> check, String expected) {
        if (!r.has(key)) {
            r.missing(key);
        }
        return r.value(key, check, expected);
    }

    private static Optional<TargetSpec> target(MapReader t) {
        Optional<String> dir = t.requiredString("dir");
        Optional<TargetSpec> ssh = t.object("ssh", s -> {
            Optional<String> host = required(s, "host", SshNames::host, "a host name or IP address");
            int port = s.integer("port", 1, 65535).orElse(22);
            Optional<String> user = required(s, "user", SshNames::user, "a user name");
            Optional<String> bastion = s.value("bastion", SshNames::bastion, "a jump host: [user@]host[:port]");
            Optional<String> knownHosts = s.requiredString("knownHosts");
            Optional<String> identity = s.string("identity");
            return host.flatMap(h -> user.flatMap(u ->
                    knownHosts.flatMap(k -> dir.map(dd -> new TargetSpec.Ssh(h, port, u, bastion, k, identity, dd)))));
        });
        if (t.has("ssh")) {
            return ssh;
        }
        return dir.map(TargetSpec.Local::new);
    }
}
