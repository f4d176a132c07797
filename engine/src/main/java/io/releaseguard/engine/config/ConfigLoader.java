package io.releaseguard.engine.config;

import io.releaseguard.engine.config.yaml.Location;
import io.releaseguard.engine.config.yaml.Node;
import io.releaseguard.engine.config.yaml.YamlTreeReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/**
 * Reads and validates a release policy. All problems are collected in one pass and reported together, each with
 * file, line, column and key path; only a policy without problems becomes a {@link ReleaseGuardConfig}.
 */
public final class ConfigLoader {
    private ConfigLoader() {}

    /** Reads {@code file} (UTF-8); relative references (ICS calendars) resolve against its folder. */
    public static ReleaseGuardConfig load(Path file) throws ConfigException {
        return load(file, Optional.empty());
    }

    /**
     * Like {@link #load(Path)}, taking the parsed tree from {@code cache} when it holds one for exactly this text
     * (and storing it there otherwise); the policy is validated the same way either way.
     */
    public static ReleaseGuardConfig load(Path file, Optional<PolicyTreeCache> cache) throws ConfigException {
        String name = file.toString();
        String text;
        try {
            // The size first, so a huge file is refused without reading it; the bounded read catches one that grows.
            PolicySize.checkSize(name, Files.size(file));
            try (InputStream in = Files.newInputStream(file)) {
                text = PolicySize.read(name, in);
            }
        } catch (IOException e) {
            throw PolicySize.problem(name, "cannot be read: " + describe(e));
        }
        Path dir = file.toAbsolutePath().getParent();
        return parse(text, name, dir == null ? Path.of(".") : dir, cache);
    }

    /** Parses policy text; {@code sourceName} is the file name shown in problems. */
    public static ReleaseGuardConfig parse(String yaml, String sourceName, Path baseDir) throws ConfigException {
        return parse(yaml, sourceName, baseDir, Optional.empty());
    }

    /**
     * Parses policy text whose files follow {@code files}: where they are read and which paths the policy may name
     * (a workspace policy in Jenkins is confined to its workspace); a path it may not name is a problem at its key.
     */
    public static ReleaseGuardConfig parse(String yaml, String sourceName, Path baseDir, PolicyFiles files)
            throws ConfigException {
        return parse(yaml, sourceName, baseDir, Optional.empty(), files);
    }

    private static ReleaseGuardConfig parse(
            String yaml, String sourceName, Path baseDir, Optional<PolicyTreeCache> cache) throws ConfigException {
        return parse(yaml, sourceName, baseDir, cache, PolicyFiles.here());
    }

    private static ReleaseGuardConfig parse(
            String yaml, String sourceName, Path baseDir, Optional<PolicyTreeCache> cache, PolicyFiles files)
            throws ConfigException {
        PolicySize.checkSize(sourceName, yaml);
        Problems problems = new Problems(sourceName);
        Optional<ReleaseGuardConfig> config = read(yaml, baseDir, problems, cache, files);
        if (!problems.isEmpty() || config.isEmpty()) {
            throw new ConfigException(problems.sorted());
        }
        return config.get();
    }

    /** Reads into {@code problems}; exposed for tests that inspect the keys the readers know. */
    static Optional<ReleaseGuardConfig> read(String yaml, Path baseDir, Problems problems) {
        return read(yaml, baseDir, problems, Optional.empty(), PolicyFiles.here());
    }

    private static Optional<ReleaseGuardConfig> read(
            String yaml, Path baseDir, Problems problems, Optional<PolicyTreeCache> cache, PolicyFiles files) {
        YamlTreeReader.Document doc;
        Optional<Node> cached = cache.flatMap(c -> c.get(yaml));
        if (cached.isPresent()) {
            doc = new YamlTreeReader.Document(cached.get(), List.of());
        } else {
            try {
                doc = YamlTreeReader.read(yaml);
            } catch (YamlTreeReader.YamlSyntaxException e) {
                problems.add(e.location(), e.path(), e.getMessage());
                return Optional.empty();
            }
            if (doc.problems().isEmpty()) {
                Node root = doc.root();
                cache.ifPresent(c -> c.put(yaml, root));
            }
        }
        doc.problems().forEach(p -> problems.add(p.location(), p.path(), p.getMessage()));
        if (doc.incomplete()) {
            return Optional.empty();
        }
        if (doc.root() instanceof Node.NullNode) {
            problems.add(Location.START, "", "the file is empty; it needs at least 'version: 1' and 'environments'");
            return Optional.empty();
        }
        PathConfinement.check(doc.root(), baseDir, files, problems);
        return MapReader.of(doc.root(), "", problems).flatMap(root -> root.read(r -> root(r, baseDir, files)));
    }

    private static Optional<ReleaseGuardConfig> root(MapReader r, Path baseDir, PolicyFiles files) {
        Problems problems = r.problems();
        Optional<Integer> version = r.integer("version", 0, Integer.MAX_VALUE);
        if (!r.has("version")) {
            r.missing("version");
        } else if (version.isPresent() && version.get() != ReleaseGuardConfig.SCHEMA_VERSION) {
            r.error(
                    "version",
                    "schema version " + version.get() + " is not supported (this release-guard reads version "
                            + ReleaseGuardConfig.SCHEMA_VERSION + ")");
        }
        ZoneId zone = r.zone("timezone").orElse(ZoneId.of("UTC"));
        List<String> envNames = EnvironmentsReader.names(r);
        var groups = SectionsReader.groups(r);
        Optional<RegistrySpec> registry = RegistryReader.registry(r);
        ReadContext ctx = new ReadContext(
                problems, zone, envNames, new HashSet<>(groups.keySet()), baseDir, files, r.has("registry"), registry);
        List<EnvironmentSpec> environments = EnvironmentsReader.read(r, ctx);
        List<ServiceSpec> services = ServicesReader.read(r, ctx);
        List<FreezeSpec> freezes = SectionsReader.freezes(r, ctx);
        EmergencyPolicy emergency = SectionsReader.emergency(r);
        Optional<KillSwitchSpec> killSwitch = r.object("killSwitch", SectionsReader::killSwitch);
        Optional<TrainsSpec> trains = TrainsReader.trains(r, ctx);
        Optional<ReleaseCandidateSpec> rcs = TrainsReader.releaseCandidates(r);
        List<WebhookSpec> webhooks = SectionsReader.webhooks(r);
        Optional<GitSpec> git = SectionsReader.git(r);
        var followups = SectionsReader.followups(r);
        return Optional.of(new ReleaseGuardConfig(
                version.orElse(ReleaseGuardConfig.SCHEMA_VERSION),
                problems.file(),
                baseDir,
                zone,
                environments,
                groups,
                services,
                freezes,
                emergency,
                killSwitch,
                trains,
                rcs,
                webhooks,
                git,
                followups,
                registry));
    }

    private static String describe(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
