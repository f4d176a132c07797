package io.releaseguard.engine.config;

import io.releaseguard.engine.registry.OciNames;
import io.releaseguard.engine.registry.TagTemplate;
import io.releaseguard.engine.secret.SecretRefs;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads what retagging released images needs: the top-level {@code registry}, each service's {@code image}
 * (repository name) and each environment's {@code retag} tags. Without a registry neither of the others means
 * anything, so they are errors; with one, an environment without {@code retag} gets {@link TagTemplate#DEFAULTS}.
 */
final class RegistryReader {
    private RegistryReader() {}

    static Optional<RegistrySpec> registry(MapReader root) {
        return root.object("registry", g -> {
            Optional<String> url = g.value(
                    "url",
                    RegistryReader::baseUrl,
                    "a registry base URL (http(s)://host[:port][/path], no credentials, query or ${env:...})");
            if (!g.has("url")) {
                g.missing("url");
            }
            Optional<String> username = g.string("username");
            Optional<String> password = g.string("password");
            password.filter(p -> !SecretRefs.isReference(p))
                    .ifPresent(p -> g.error(
                            "password",
                            "must be a ${env:NAME} reference; a password written here would be committed with the"
                                    + " policy"));
            if (username.isPresent() && !g.has("password")) {
                g.error("username", "goes with 'password'; set both or neither");
            } else if (password.isPresent() && !g.has("username")) {
                g.error("password", "goes with 'username'; set both or neither");
            }
            Duration timeout = g.duration("timeout").orElse(RegistrySpec.DEFAULT_TIMEOUT);
            if (timeout.isZero()) {
                g.error("timeout", "must be longer than zero");
            }
            return url.map(u -> new RegistrySpec(u, username, password, timeout));
        });
    }

    static String baseUrl(String text) {
        URI uri = URI.create(SectionsReader.httpUrl(text));
        if (text.contains("${")
                || uri.getRawUserInfo() != null
                || uri.getRawQuery() != null
                || uri.getRawFragment() != null
                || uri.getHost() == null) {
            throw new IllegalArgumentException(text);
        }
        return text;
    }

    /** A service's repository in the registry, e.g. {@code team/api}. */
    static Optional<String> image(MapReader s, ReadContext ctx) {
        Optional<String> image = s.value(
                "image",
                t -> {
                    if (!OciNames.isRepository(t)) {
                        throw new IllegalArgumentException(t);
                    }
                    return t;
                },
                "a repository name (" + OciNames.REPOSITORY_RULE + ")");
        if (s.has("image") && !ctx.registryDeclared()) {
            s.error("image", "needs a top-level 'registry' to retag the image in");
        }
        ctx.registry().map(r -> host(r.url())).ifPresent(host -> image.filter(i -> i.startsWith(host + "/"))
                .ifPresent(i -> s.error(
                        "image",
                        "\"" + i + "\" starts with the registry's host; write the repository only: \""
                                + i.substring(host.length() + 1) + "\"")));
        return image;
    }

    /** The tags a promotion into this environment gives each service's image. */
    static List<TagTemplate> retag(MapReader r, Optional<String> environment, ReadContext ctx) {
        String env = environment.orElse("environment");
        if (!r.has("retag")) {
            if (ctx.registryDeclared()) {
                for (TagTemplate t : TagTemplate.DEFAULTS) {
                    TagTemplate.problem(t.text(), env)
                            .ifPresent(p -> r.error(
                                    "name",
                                    "with a registry configured, images are tagged " + TagTemplate.DEFAULTS
                                            + " by default, and " + p + "; set 'retag'"));
                }
                return TagTemplate.DEFAULTS;
            }
            return List.of();
        }
        if (!ctx.registryDeclared()) {
            r.error("retag", "needs a top-level 'registry' to retag images in");
        }
        Set<String> seen = new HashSet<>();
        return r.list("retag", (n, p) -> Values.scalar(n, p, ctx.problems()).flatMap(text -> {
            Optional<String> problem = TagTemplate.problem(text, env);
            if (problem.isPresent()) {
                ctx.problems().add(n.location(), p, problem.get());
                return Optional.empty();
            }
            if (!seen.add(text)) {
                ctx.problems().add(n.location(), p, "duplicate tag \"" + text + "\"");
                return Optional.empty();
            }
            return Optional.of(new TagTemplate(text));
        }));
    }

    private static String host(String url) {
        URI uri = URI.create(url);
        return uri.getRawAuthority().toLowerCase(Locale.ROOT);
    }
}
