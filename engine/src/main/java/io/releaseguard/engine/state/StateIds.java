package io.releaseguard.engine.state;

import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.ReleaseGuardException;
import java.util.regex.Pattern;

/**
 * Decides whether a name may become part of a path in the state directory. The rule: 1 to 128 characters from
 * {@code [A-Za-z0-9._-]}, not starting with a dot (so never {@code .} or {@code ..} or a hidden file) and never
 * containing {@code ..}; anything else is refused before it reaches the file system.
 */
public final class StateIds {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    private StateIds() {}

    /** Returns {@code id} unchanged when it is safe; {@code kind} names it in the message ("environment"). */
    public static String requireSafe(String kind, String id) throws ReleaseGuardException {
        if (id == null || !SAFE.matcher(id).matches() || id.startsWith(".") || id.contains("..")) {
            throw new ReleaseGuardException(
                    ExitCode.INVALID,
                    kind + " id " + (id == null ? "null" : '"' + id + '"')
                            + " is not allowed: use 1-128 letters, digits, '.', '_' or '-', not starting with '.'"
                            + " and without '..'");
        }
        return id;
    }
}
