package io.releaseguard.engine.secret;

import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.ReleaseGuardException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves secret references ({@code ${env:NAME}}) in policy values from an injected environment, so secret values
 * never live in the policy file, and masks them again for display. A reference to an unset variable is an error
 * naming the variable, never its (absent) value.
 */
public final class SecretRefs {
    private static final Pattern REF = Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)}");

    private SecretRefs() {}

    /** {@code text} with every reference replaced by the variable's value. */
    public static String resolve(String text, Map<String, String> environment) throws ReleaseGuardException {
        Matcher m = REF.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String value = environment.get(m.group(1));
            if (value == null) {
                throw new ReleaseGuardException(
                        ExitCode.INVALID, "secret reference ${env:" + m.group(1) + "} is not set in the environment");
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(value));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** {@code text} with every reference shown as {@code ****}: what logs and reports print. */
    public static String mask(String text) {
        return REF.matcher(text).replaceAll(Redactor.MASK);
    }

    public static boolean hasReference(String text) {
        return REF.matcher(text).find();
    }
}
