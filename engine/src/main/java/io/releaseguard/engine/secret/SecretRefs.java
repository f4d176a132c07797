package io.releaseguard.engine.secret;

import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.ReleaseGuardException;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves {@code ${env:NAME}} references in configured URLs and headers from an injected environment map, and
 * remembers every value it substituted so {@link #mask} can replace them with {@code ****} in anything shown. The rule:
 * a value that came from the environment is treated as a secret wherever it appears, even when the place it lands
 * (a path, a query parameter) has an innocent name; URLs are additionally passed through {@link Redactor#url}.
 */
public final class SecretRefs {
    private static final Pattern REF = Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)}");

    private final Map<String, String> environment;
    private final Set<String> used = ConcurrentHashMap.newKeySet();

    public SecretRefs(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** True when {@code text} is exactly one {@code ${env:NAME}} reference and nothing else. */
    public static boolean isReference(String text) {
        return REF.matcher(text).matches();
    }

    /**
     * The text with every {@code ${env:NAME}} replaced; {@code where} names the setting in the error when a variable
     * is not set (the error names the variable, never a value).
     */
    public String resolve(String text, String where) throws ReleaseGuardException {
        Matcher m = REF.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String value = environment.get(m.group(1));
            if (value == null) {
                throw new ReleaseGuardException(
                        ExitCode.INVALID,
                        where + " references ${env:" + m.group(1) + "}, but " + m.group(1)
                                + " is not set in the environment");
            }
            if (!value.isEmpty()) {
                used.add(value);
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(value));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** The text with every resolved secret value replaced by {@code ****}, longest first so overlaps stay masked. */
    public String mask(String text) {
        if (text == null || used.isEmpty()) {
            return text;
        }
        String out = text;
        for (String secret : used.stream()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .toList()) {
            out = out.replace(secret, Redactor.MASK);
        }
        return out;
    }

    /** Every value substituted so far (a live, read-only view): the secrets to mask in what is shown. */
    public Collection<String> resolved() {
        return Collections.unmodifiableSet(used);
    }

    /** An excerpt of a body or output fit to show: {@link Redactor#excerpt} with every secret resolved so far. */
    public String excerpt(String text, int max) {
        return Redactor.excerpt(text, max, used);
    }

    /** A URL fit to show: resolved secrets masked, then credential-looking parts redacted. */
    public String maskUrl(String url) {
        return Redactor.url(mask(url));
    }
}
