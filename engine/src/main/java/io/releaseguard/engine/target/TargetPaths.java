package io.releaseguard.engine.target;

import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.ReleaseGuardException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether a path may be used inside a target directory. The rule: relative, '/'-separated, no empty, '.' or
 * '..' segment, no backslash or control character; so the path can only name something below the directory. Symbolic
 * links are checked by each {@link Target} on every component from {@link #prefixes}.
 */
public final class TargetPaths {
    private TargetPaths() {}

    /** Returns {@code path} when it stays inside the target directory, else throws {@link ExitCode#INVALID}. */
    public static String requireInside(String path) throws ReleaseGuardException {
        Optional<String> problem = problem(path);
        if (problem.isPresent()) {
            throw new ReleaseGuardException(
                    ExitCode.INVALID,
                    "path " + (path == null ? "null" : '"' + path + '"') + " is refused: " + problem.get());
        }
        return path;
    }

    /**
     * Why {@code path} is refused, or empty when it follows the rule. The policy check ({@code snapshot.files}) and
     * every target operation use this one function, so {@code validate} accepts exactly what a snapshot can use.
     */
    public static Optional<String> problem(String path) {
        if (path == null || path.isEmpty() || path.startsWith("/") || path.endsWith("/")) {
            return Optional.of("it must be a non-empty relative path");
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\\') {
                return Optional.of("it contains a control character or a backslash");
            }
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return Optional.of("it must not contain empty, '.' or '..' segments");
            }
        }
        return Optional.empty();
    }

    /** {@code a/b/c} → {@code [a, a/b, a/b/c]}: every component a symbolic link could hide in. */
    public static List<String> prefixes(String path) {
        List<String> out = new ArrayList<>();
        int from = 0;
        int slash;
        while ((slash = path.indexOf('/', from)) >= 0) {
            out.add(path.substring(0, slash));
            from = slash + 1;
        }
        out.add(path);
        return out;
    }

    static ReleaseGuardException symlink(String describe, String component) {
        return new ReleaseGuardException(
                ExitCode.INVALID,
                describe + ": refusing \"" + component + "\": it is a symbolic link (a restore never follows links)");
    }
}
