package io.releaseguard.engine.secret;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks secrets before anything is shown: passwords in URL user-info, query parameters whose names say they are
 * credentials, and the token parts of webhook URLs (Slack, Teams). The mask is always {@code ****} so people learn
 * to recognise it; the rest of the URL stays readable for debugging.
 */
public final class Redactor {
    public static final String MASK = "****";
    private static final Pattern USERINFO = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*://)([^/@?#]*)@");
    private static final Pattern QUERY_PARAM = Pattern.compile("([?&;])([^=&;#]+)=([^&;#]*)");
    private static final Set<String> SECRET_WORDS =
            Set.of("token", "key", "secret", "password", "passwd", "pwd", "sig", "signature", "auth", "credential");
    private static final Pattern WEBHOOK_PATH = Pattern.compile(
            "^(https?://(?:hooks\\.slack\\.com/(?:services|workflows|triggers)|[^/]*webhook\\.office\\.com/webhookb2"
                    + "|[^/]*logic\\.azure\\.com[^?]*))(/[^?#]*)?",
            Pattern.CASE_INSENSITIVE);

    private Redactor() {}

    /** The URL with every secret part replaced by {@code ****}. */
    public static String url(String url) {
        if (url == null) {
            return null;
        }
        String out = url;
        Matcher hook = WEBHOOK_PATH.matcher(out);
        if (hook.find() && hook.group(2) != null && hook.group(2).length() > 1) {
            out = hook.group(1) + "/" + MASK + out.substring(hook.end());
        }
        Matcher ui = USERINFO.matcher(out);
        if (ui.find()) {
            String info = ui.group(2);
            int colon = info.indexOf(':');
            String masked = colon >= 0 ? info.substring(0, colon) + ":" + MASK : MASK;
            out = ui.group(1) + masked + "@" + out.substring(ui.end());
        }
        Matcher q = QUERY_PARAM.matcher(out);
        StringBuilder sb = new StringBuilder();
        while (q.find()) {
            String name = q.group(2);
            String replacement = isSecretName(name) ? q.group(1) + name + "=" + MASK : q.group(0);
            q.appendReplacement(sb, Matcher.quoteReplacement(replacement));
        }
        q.appendTail(sb);
        return sb.toString();
    }

    private static final Pattern URL_IN_TEXT = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*://[^\\s\"'<>]+");

    /** Free text (command output, error messages) with every URL in it masked as {@link #url} does. */
    public static String text(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = URL_IN_TEXT.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(url(m.group())));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** True when a parameter or header name says its value is a credential. */
    public static boolean isSecretName(String name) {
        String n = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
        if (n.equals("authorization") || n.equals("cookie") || n.equals("apikey")) {
            return true;
        }
        return SECRET_WORDS.stream().anyMatch(n::contains);
    }
}
