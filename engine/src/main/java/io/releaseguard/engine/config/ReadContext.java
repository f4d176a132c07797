package io.releaseguard.engine.config;

import io.releaseguard.engine.config.yaml.Node;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What section readers need to know about the rest of the file: the default zone and the names that
 * cross-references must resolve to, the policy's folder (ICS paths are relative to it) and whether its files may be read here and the registry (images and
 * retag tags need one; when it is declared but invalid, only its own problems are reported). Reference errors name what exists, so a typo is one look away from its fix.
 */
record ReadContext(
        Problems problems,
        ZoneId zone,
        List<String> environments,
        Set<String> groups,
        Path baseDir,
        PolicyFiles files,
        boolean registryDeclared,
        Optional<RegistrySpec> registry) {

    /** Reports {@code name} at {@code path} unless it is a defined environment. */
    Optional<String> environment(String name, Node at, String path) {
        if (environments.contains(name)) {
            return Optional.of(name);
        }
        String hint = DidYouMean.closest(name, environments)
                .map(s -> "; did you mean '" + s + "'?")
                .orElse(" (defined: " + String.join(", ", environments) + ")");
        problems.add(at.location(), path, "unknown environment '" + name + "'" + hint);
        return Optional.empty();
    }

    /** Environment names under {@code key}, each checked. */
    List<String> environments(MapReader r, String key) {
        return r.list(key, (n, p) -> Values.scalar(n, p, problems).flatMap(s -> environment(s, n, p)));
    }
}
