package io.releaseguard.engine.train;

import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.ReleaseGuardException;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A train tag, {@code vMAJOR.MINOR.PATCH-TRACK.N} ({@code v0.5.0-dev.3}: the third dev train of line 0.5). The
 * rule: numbers are decimals without leading zeros and {@code N >= 1}; track names are lower-case words joined by
 * hyphens. A name that does not follow it is not a train tag, so unrelated and malformed tags never take part in
 * numbering. The next number of a track is one more than the highest existing one, derived from the tag names alone.
 */
public record TrainTag(VersionLine line, int patch, String track, int number) {
    private static final Pattern TAG = Pattern.compile(
            "v(0|[1-9]\\d{0,8})\\.(0|[1-9]\\d{0,8})\\.(0|[1-9]\\d{0,8})-([a-z][a-z0-9]*(?:-[a-z0-9]+)*)\\.([1-9]\\d{0,8})");
    private static final Pattern TRACK = Pattern.compile("[a-z][a-z0-9]*(?:-[a-z0-9]+)*");

    /** Orders tags of one track by number. */
    public static final Comparator<TrainTag> BY_NUMBER = Comparator.comparingInt(TrainTag::number);

    public TrainTag {
        if (!TRACK.matcher(track).matches() || number < 1 || patch < 0) {
            throw new IllegalArgumentException("not a train tag: " + line + "." + patch + "-" + track + "." + number);
        }
    }

    /** The tag named {@code name}, or empty when the name is not a well-formed train tag. */
    public static Optional<TrainTag> parse(String name) {
        Matcher m = TAG.matcher(name);
        if (!m.matches()) {
            return Optional.empty();
        }
        VersionLine line = new VersionLine(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        return Optional.of(new TrainTag(line, Integer.parseInt(m.group(3)), m.group(4), Integer.parseInt(m.group(5))));
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

    /** The highest-numbered tag of {@code track} on {@code line} among {@code names}. */
    public static Optional<TrainTag> latest(VersionLine line, String track, Collection<String> names) {
        return names.stream()
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
