package io.releaseguard.engine.train;

import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.ReleaseGuardException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A version line, {@code MAJOR.MINOR} ({@code 0.5}): every train tag of the line starts with {@code vMAJOR.MINOR.}.
 * Numbers are plain non-negative decimals without leading zeros, so a line has exactly one spelling.
 */
public record VersionLine(int major, int minor) {
    private static final Pattern LINE = Pattern.compile("(0|[1-9]\\d{0,8})\\.(0|[1-9]\\d{0,8})");

    public VersionLine {
        if (major < 0 || minor < 0) {
            throw new IllegalArgumentException("negative version line " + major + "." + minor);
        }
    }

    /**
     * Parses {@code MAJOR.MINOR}.
     *
     * @throws ReleaseGuardException INVALID, quoting the text, for anything else ("0.5.1", "v0.5", "05.1")
     */
    public static VersionLine parse(String text) throws ReleaseGuardException {
        Matcher m = text == null ? null : LINE.matcher(text);
        if (m == null || !m.matches()) {
            throw new ReleaseGuardException(
                    ExitCode.INVALID,
                    "version line \"" + text + "\" is not MAJOR.MINOR (non-negative numbers without leading zeros,"
                            + " e.g. \"0.5\")");
        }
        return new VersionLine(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
