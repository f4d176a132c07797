package io.releaseguard.engine.train;

import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.ReleaseGuardException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A release-candidate naming scheme such as {@code {year}.{minor}.{patch}-rc.{n}}. The final name is the scheme up
 * to the last placeholder before {@code {n}} ({@code {year}.{minor}.{patch}}), so {@code 2026.4.0-rc.3} becomes
 * {@code 2026.4.0}. Parsing is exact: numbers without leading zeros, the literal text as written.
 */
public final class RcScheme {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(year|minor|patch|n)}");
    private static final String NUMBER = "(0|[1-9]\\d{0,8})";

    private final String scheme;
    private final String finalScheme;
    private final Pattern candidate;
    private final Pattern finalPattern;

    /**
     * Compiles a scheme that the policy reader accepted.
     *
     * @throws ReleaseGuardException INVALID when no version placeholder precedes {@code {n}}
     */
    public RcScheme(String scheme) throws ReleaseGuardException {
        this.scheme = scheme;
        int n = scheme.lastIndexOf("{n}");
        int lastPart = scheme.lastIndexOf('}', n);
        if (n < 0 || lastPart < 0) {
            throw new ReleaseGuardException(
                    ExitCode.INVALID,
                    "release candidate scheme \"" + scheme + "\" needs a version ({year}, {minor} or {patch}) before"
                            + " {n}");
        }
        this.finalScheme = scheme.substring(0, lastPart + 1);
        this.candidate = compile(scheme);
        this.finalPattern = compile(finalScheme);
    }

    private static Pattern compile(String template) {
        StringBuilder regex = new StringBuilder();
        Matcher m = PLACEHOLDER.matcher(template);
        int at = 0;
        while (m.find()) {
            regex.append(Pattern.quote(template.substring(at, m.start())));
            regex.append("(?<").append(m.group(1)).append('>').append(NUMBER.substring(1));
            at = m.end();
        }
        regex.append(Pattern.quote(template.substring(at)));
        return Pattern.compile(regex.toString());
    }

    /** The candidate's name: {@code version} with number {@code n}. */
    public String candidate(RcVersion version, int n) {
        return fill(scheme, version).replace("{n}", Integer.toString(n));
    }

    /** The final name of {@code version}. */
    public String finalName(RcVersion version) {
        return fill(finalScheme, version);
    }

    /** The version and number of a candidate name, or empty when the name does not follow the scheme. */
    public Optional<Candidate> parseCandidate(String name) {
        Matcher m = candidate.matcher(name);
        return m.matches() ? Optional.of(new Candidate(version(m), Integer.parseInt(m.group("n")))) : Optional.empty();
    }

    /** The version a final name stands for, or empty. */
    public Optional<RcVersion> parseFinal(String name) {
        Matcher m = finalPattern.matcher(name);
        return m.matches() ? Optional.of(version(m)) : Optional.empty();
    }

    /** Candidates among {@code names}, in no particular order. */
    public List<Candidate> candidates(List<String> names) {
        List<Candidate> found = new ArrayList<>();
        for (String name : names) {
            parseCandidate(name).ifPresent(found::add);
        }
        return found;
    }

    private static RcVersion version(Matcher m) {
        return new RcVersion(group(m, "year"), group(m, "minor"), group(m, "patch"));
    }

    private static int group(Matcher m, String name) {
        try {
            String value = m.group(name);
            return value == null ? 0 : Integer.parseInt(value);
        } catch (IllegalArgumentException e) {
            return 0;
        }
    }

    private static String fill(String template, RcVersion v) {
        return template.replace("{year}", Integer.toString(v.year()))
                .replace("{minor}", Integer.toString(v.minor()))
                .replace("{patch}", Integer.toString(v.patch()));
    }

    @Override
    public String toString() {
        return scheme;
    }

    /** A version a candidate stands for: {@code year.minor.patch} (placeholders the scheme lacks are 0). */
    public record RcVersion(int year, int minor, int patch) {
        /**
         * Parses {@code YEAR.MINOR.PATCH}.
         *
         * @throws ReleaseGuardException INVALID otherwise
         */
        public static RcVersion parse(String text) throws ReleaseGuardException {
            Matcher m =
                    Pattern.compile(NUMBER + "\\." + NUMBER + "\\." + NUMBER).matcher(text);
            if (!m.matches()) {
                throw new ReleaseGuardException(
                        ExitCode.INVALID, "version \"" + text + "\" is not YEAR.MINOR.PATCH (e.g. 2026.4.0)");
            }
            return new RcVersion(
                    Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
        }

        @Override
        public String toString() {
            return year + "." + minor + "." + patch;
        }
    }

    /** A candidate: the version and its number {@code n}. */
    public record Candidate(RcVersion version, int n) {}
}
