package io.releaseguard.engine.config;

import io.releaseguard.engine.calendar.IcsFetcher;
import io.releaseguard.engine.config.yaml.Node;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The rule for a policy that came from a build's workspace: every file it names resolves inside the workspace.
 * An absolute path, a {@code ..} that climbs out, or (where the files are, see {@link PolicyFiles#confinedTo}) a
 * symbolic link on the way that leads out is refused with the key's file:line:col. The message names the path as
 * written and never anything read from it, so a refused {@code /etc/hostname} shows nothing of that file.
 */
final class PathConfinement {
    private PathConfinement() {}

    /** Reports each confined key of {@code root} that leaves the workspace. */
    static void check(Node root, Path baseDir, PolicyFiles files, Problems problems) {
        if (!files.confined() || !(root instanceof Node.MapNode top)) {
            return;
        }
        PathConfinement.Walk walk = new Walk(baseDir, files, problems);
        entry(top, "killSwitch").ifPresent(k -> walk.scalar(k, "killSwitch", "file"));
        entry(top, "git").ifPresent(g -> walk.scalar(g, "git", "repository"));
        walk.items(top, "freezes", (freeze, path) -> walk.scalar(freeze, path, "ics"));
        walk.items(top, "environments", (env, path) -> entry(env, "killSwitch")
                .ifPresent(k -> walk.scalar(k, path + ".killSwitch", "file")));
        walk.items(top, "services", (service, path) -> entry(service, "targets")
                .ifPresent(targets -> targets.entries().forEach((name, e) -> {
                    if (e.value() instanceof Node.MapNode target) {
                        String at = path + ".targets." + name;
                        Optional<Node.MapNode> ssh = entry(target, "ssh");
                        if (ssh.isPresent()) {
                            walk.scalar(ssh.get(), at + ".ssh", "knownHosts");
                            walk.scalar(ssh.get(), at + ".ssh", "identity");
                        } else {
                            walk.scalar(target, at, "dir");
                        }
                    }
                })));
    }

    /**
     * Why {@code written} (relative to {@code baseDir}) leaves the workspace, or empty when it stays inside; links
     * are resolved only when {@code files} says the files are here.
     */
    static Optional<String> outside(String written, Path baseDir, PolicyFiles files) {
        if (!files.confined() || IcsFetcher.isUrl(written)) {
            return Optional.empty();
        }
        Path path;
        try {
            path = Path.of(written);
        } catch (InvalidPathException e) {
            return Optional.of(Values.quote(written) + " is not a usable path");
        }
        if (path.isAbsolute() || written.startsWith("~")) {
            return Optional.of(Values.quote(written) + " is an absolute path; a workspace policy may only name"
                    + " files inside the workspace (write it relative to the policy file)");
        }
        Path root = files.root().orElse(baseDir).toAbsolutePath().normalize();
        Path resolved = baseDir.toAbsolutePath().resolve(path).normalize();
        if (!resolved.startsWith(root)) {
            return Optional.of(Values.quote(written) + " leaves the workspace ('..'); a workspace policy may only"
                    + " name files inside it");
        }
        if (files.readHere()) {
            return linkOut(written, root, resolved);
        }
        return Optional.empty();
    }

    /** Follows the deepest existing part of {@code resolved}: its real location must still be under the root. */
    private static Optional<String> linkOut(String written, Path root, Path resolved) {
        try {
            Path realRoot = root.toRealPath();
            Path existing = resolved;
            while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
                existing = existing.getParent();
            }
            if (existing == null) {
                return Optional.empty();
            }
            Path real = existing.toRealPath();
            if (!real.startsWith(realRoot)) {
                return Optional.of(Values.quote(written) + " leads out of the workspace through a symbolic link;"
                        + " a workspace policy may only name files inside it");
            }
            return Optional.empty();
        } catch (IOException e) {
            // A dangling link: where it points is unknown, so it is refused like one that leads out.
            return Optional.of(Values.quote(written) + " passes through a symbolic link that cannot be followed;"
                    + " a workspace policy may only name files inside the workspace");
        }
    }

    private static Optional<Node.MapNode> entry(Node.MapNode map, String key) {
        Node.Entry e = map.entries().get(key);
        return e != null && e.value() instanceof Node.MapNode m ? Optional.of(m) : Optional.empty();
    }

    private record Walk(Path baseDir, PolicyFiles files, Problems problems) {
        void scalar(Node.MapNode map, String path, String key) {
            Node.Entry e = map.entries().get(key);
            if (e != null && e.value() instanceof Node.ScalarNode s) {
                outside(s.text(), baseDir, files)
                        .ifPresent(why -> problems.add(s.location(), path.isEmpty() ? key : path + "." + key, why));
            }
        }

        void items(Node.MapNode map, String key, java.util.function.BiConsumer<Node.MapNode, String> each) {
            Node.Entry e = map.entries().get(key);
            if (e != null && e.value() instanceof Node.ListNode list) {
                for (int i = 0; i < list.items().size(); i++) {
                    if (list.items().get(i) instanceof Node.MapNode item) {
                        each.accept(item, key + "[" + i + "]");
                    }
                }
            }
        }
    }

    /** For readers that would read a file while loading: only when it may be read here. */
    static boolean readable(String written, Path baseDir, PolicyFiles files) {
        return files.readHere() && outside(written, baseDir, files).isEmpty();
    }
}
