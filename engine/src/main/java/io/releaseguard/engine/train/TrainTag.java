package io.releaseguard.engine.train;

import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.ReleaseGuardException;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A train tag, {@code vMAJOR.MINOR.PATCH-TRACK.N} ({@code v0.5.0-dev.3}: the third dev train of line 0.5). The
 * rule: numbers are decimals without leading zeros and {@code N >= 1}; track names are lower-case words joined by
 * hyphens. A name that does not follow it is not a train tag, so unrelated and malformed tags never take part in
 * numbering. The next number of a track is one more than the highest existing one, derived from the tag names alone.
 */
public record TrainTag(VersionLine line, int patch, String track, int number) {
    /** The shape of a train tag as a regular expression: the specification {@link #parse} implements. */
    public static final Pattern SHAPE = Pattern.compile(
            "v(0|[1-9]\\d{0,8})\\.(0|[1-9]\\d{0,8})\\.(0|[1-9]\\d{0,8})-([a-z][a-z0-9]*(?:-[a-z0-9]+)*)\\.([1-9]\\d{0,8})");

    private static final Pattern TRACK = Pattern.compile("[a-z][a-z0-9]*(?:-[a-z0-9]+)*");

    /** Orders tags of one track by number. */
    public static final Comparator<TrainTag> BY_NUMBER = Comparator.comparingInt(TrainTag::number);

    public TrainTag {
        if (!TRACK.matcher(track).matches() || number < 1 || patch < 0) {
            throw new IllegalArgumentException("not a train tag: " + line + "." + patch + "-" + track + "." + number);
        }
    }

    /**
     * The tag named {@code name}, or empty when the name is not a well-formed train tag. Hand-written rather than a
     * regular expression because next-tag parses every tag of the line (the bench has 10,000); {@link #SHAPE} is the
     * same rule, which the tests check it against.
     */
    public static Optional<TrainTag> parse(String name) {
        if (name.length() < 9 || name.charAt(0) != 'v') {
            return Optional.empty();
        }
        int[] at = {1};
        int major = number(name, at, '.');
        int minor = major < 0 ? -1 : number(name, at, '.');
        int patch = minor < 0 ? -1 : number(name, at, '-');
        int trackStart = at[0];
        int dot = name.lastIndexOf('.');
        if (patch < 0 || dot <= trackStart || !isTrack(name, trackStart, dot)) {
            return Optional.empty();
        }
        at[0] = dot + 1;
        int n = number(name, at, END);
        if (n < 1) {
            return Optional.empty();
        }
        return Optional.of(new TrainTag(new VersionLine(major, minor), patch, name.substring(trackStart, dot), n));
    }

    private static final char END = 0;

    /**
     * Reads a decimal (1-9 digits, no leading zero) at {@code at[0]} ending at {@code end} (or the end of the text for
     * {@link #END}) and moves past the terminator; -1 when there is none.
     */
    private static int number(String s, int[] at, char end) {
        int i = at[0];
        int value = 0;
        int digits = 0;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            if (digits == 1 && value == 0) {
                return -1;
            }
            value = value * 10 + (s.charAt(i) - '0');
            digits++;
            i++;
        }
        if (digits == 0 || digits > 9) {
            return -1;
        }
        if (end == END) {
            return i == s.length() ? value : -1;
        }
        if (i >= s.length() || s.charAt(i) != end) {
            return -1;
        }
        at[0] = i + 1;
        return value;
    }

    /** {@code [a-z][a-z0-9]*(-[a-z0-9]+)*} over {@code s[from, to)}. */
    private static boolean isTrack(String s, int from, int to) {
        char first = s.charAt(from);
        if (first < 'a' || first > 'z' || s.charAt(to - 1) == '-') {
            return false;
        }
        for (int i = from + 1; i < to; i++) {
            char c = s.charAt(i);
            boolean alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            if (!alnum && !(c == '-' && s.charAt(i - 1) != '-')) {
                return false;
            }
        }
        return true;
    }

    /**
     * Parses a tag the user named, refusing anything else.
     *
     * @throws ReleaseGuardException INVALID with the expected shape
     */
    public static TrainTag require(String name) throws ReleaseGuardException {
        return parse(name)
                .orElseThrow(() -> new ReleaseGuardException(
                        ExitCode.INVALID,
                        "\"" + name + "\" is not a train tag (vMAJOR.MINOR.PATCH-TRACK.N, e.g. v0.5.0-dev.3)"));
    }

    /**
     * Checks that a configured track name can appear in tags.
     *
     * @throws ReleaseGuardException INVALID naming the track
     */
    public static String requireTrackName(String track) throws ReleaseGuardException {
        if (!TRACK.matcher(track).matches()) {
            throw new ReleaseGuardException(
                    ExitCode.INVALID,
                    "track '" + track + "' cannot be part of a tag name (lower-case letters and digits, words joined"
                            + " by '-')");
        }
        return track;
    }

    /** What every tag of {@code line} starts with ({@code v0.5.}). */
    public static String prefix(VersionLine line) {
        return "v" + line + ".";
    }

    /** The highest-numbered tag of {@code track} on {@code line} among {@code names}. */
    public static Optional<TrainTag> latest(VersionLine line, String track, Collection<String> names) {
        String prefix = prefix(line);
        String infix = "-" + track + ".";
        return names.stream()
                .filter(n -> n.startsWith(prefix) && n.contains(infix))
                .map(TrainTag::parse)
                .flatMap(Optional::stream)
                .filter(t -> t.line().equals(line) && t.track().equals(track))
                .max(BY_NUMBER);
    }

    /** The tag the next train of {@code track} on {@code line} gets: the highest existing number plus one. */
    public static TrainTag next(VersionLine line, String track, Collection<String> names) {
        int n = latest(line, track, names).map(TrainTag::number).orElse(0);
        return new TrainTag(line, 0, track, n + 1);
    }

    /** The tag name, {@code vMAJOR.MINOR.PATCH-TRACK.N}. */
    public String name() {
        return "v" + line + "." + patch + "-" + track + "." + number;
    }

    /** The annotated tag's message: a summary line, then one {@code key: value} line per field (provenance). */
    public String annotation(java.util.Map<String, String> fields) {
        StringBuilder sb = new StringBuilder("release-guard: ")
                .append(track)
                .append(" train ")
                .append(number)
                .append(" of line ")
                .append(line)
                .append("\n\n");
        fields.forEach((k, v) -> sb.append(k).append(": ").append(v).append('\n'));
        return sb.toString();
    }

    @Override
    public String toString() {
        return name();
    }
}
