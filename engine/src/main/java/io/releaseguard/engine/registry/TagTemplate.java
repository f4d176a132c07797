package io.releaseguard.engine.registry;

import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.ReleaseGuardException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tag an environment gives released images ({@code environments[].retag}): literal tag text with the placeholders
 * {@code {environment}}, {@code {release}} (with '+' as '_') and {@code {timestamp}} (the instant every service was
 * healthy, UTC, {@code yyyyMMdd-HHmmss}). A template is valid when every placeholder is known and it expands to a
 * valid OCI tag; only {@code {release}} can still make an over-long tag at promotion time.
 */
public record TagTemplate(String text) {
    /** {@code {timestamp}}: UTC, to the second, sortable as text. */
    public static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    /** The placeholders a template may use. */
    public static final List<String> PLACEHOLDERS = List.of("environment", "release", "timestamp");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");
    private static final Instant SAMPLE_TIME = Instant.parse("2026-01-01T00:00:00Z");

    /** The tags an environment gives when it names none: {@code [<env>, <env>-{timestamp}]}. */
    public static final List<TagTemplate> DEFAULTS =
            List.of(new TagTemplate("{environment}"), new TagTemplate("{environment}-{timestamp}"));

    /** What is wrong with {@code text} as a template for {@code environment}, or empty when it is valid. */
    public static Optional<String> problem(String text, String environment) {
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            if (!PLACEHOLDERS.contains(m.group(1))) {
                return Optional.of("\"" + text + "\" has an unknown placeholder {" + m.group(1) + "} (known: {"
                        + String.join("}, {", PLACEHOLDERS) + "})");
            }
        }
        String sample = new TagTemplate(text).fill(environment, "1", SAMPLE_TIME);
        if (OciNames.isTag(sample)) {
            return Optional.empty();
        }
        if (sample.equals(text)) {
            return Optional.of("\"" + text + "\" is not a valid image tag (" + OciNames.TAG_RULE + ")");
        }
        return Optional.of("\"" + text + "\" makes tags like \"" + sample + "\", which are not valid image tags ("
                + OciNames.TAG_RULE + ")");
    }

    /** The tag for a release promoted to {@code environment} and healthy at {@code at}. */
    public String expand(String environment, String release, Instant at) throws ReleaseGuardException {
        String tag = fill(environment, OciNames.releaseTag(release), at);
        if (!OciNames.isTag(tag)) {
            throw new ReleaseGuardException(
                    ExitCode.INVALID,
                    "retag template \"" + text + "\" makes \"" + tag + "\" for release " + release
                            + ", which is not a valid image tag (" + OciNames.TAG_RULE + ")");
        }
        return tag;
    }

    /** The template with environment and release filled in and {@code {timestamp}} left as it is (for plans). */
    public String preview(String environment, String release) {
        return text.replace("{environment}", environment).replace("{release}", OciNames.releaseTag(release));
    }

    private String fill(String environment, String release, Instant at) {
        return text.replace("{environment}", environment)
                .replace("{release}", release)
                .replace("{timestamp}", TIMESTAMP.format(at));
    }

    @Override
    public String toString() {
        return text;
    }
}
