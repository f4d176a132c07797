package io.releaseguard.engine.release;

import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.ReleaseGuardException;
import java.util.regex.Pattern;

/**
 * A release identifier as users write it: an image tag ({@code sha-abc1234}, {@code testnet-20260307-143000}), a
 * train tag ({@code v0.5.0-dev.3}) or an RC ({@code 2026.4.0-rc.3}). Only characters that are safe in tags, file
 * names and command arguments are accepted, so a release name can never smuggle shell syntax anywhere.
 */
public record ReleaseName(String value) {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,127}");

    /** The rule in words, for messages about any name held to it (release names, tenant names from a URL). */
    public static final String RULE =
            "letters, digits, '.', '_', '+', '-'; starting with a letter or digit; no '..'; at most 128 characters";

    public ReleaseName {
        if (!isValid(value)) {
            throw new IllegalArgumentException("invalid release name");
        }
    }

    /**
     * Whether {@code text} follows the rule. Tenant names from a control plane are held to it too: such a name lands
     * in URLs, JSON bodies, file names, journal keys and command arguments, and none of them can take it apart.
     */
    public static boolean isValid(String text) {
        return text != null && SAFE.matcher(text).matches() && !text.contains("..");
    }

    /** Parses user input, refusing unsafe names with a message that quotes what was given (escaped). */
    public static ReleaseName parse(String text) throws ReleaseGuardException {
        try {
            return new ReleaseName(text);
        } catch (IllegalArgumentException e) {
            throw new ReleaseGuardException(
                    ExitCode.INVALID,
                    "release " + quote(text) + " is not a valid release name (letters, digits, '.', '_', '+', '-';"
                            + " at most 128 characters; e.g. sha-abc1234 or v0.5.0-dev.3)");
        }
    }

    /** {@code text} in double quotes, control characters escaped, cut after 80 characters: safe in any message. */
    public static String quote(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder("\"");
        text.codePoints().limit(80).forEach(c -> {
            if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\u%04x", c));
            } else {
                sb.appendCodePoint(c);
            }
        });
        return sb.append(text.length() > 80 ? "...\"" : "\"").toString();
    }

    @Override
    public String toString() {
        return value;
    }
}
