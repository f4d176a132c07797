package io.releaseguard.engine.secret;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks secrets before anything is shown: passwords in URL user-info, query parameters whose names say they are
 * credentials, the token parts of Slack and Teams URLs, the whole path and query of every webhook URL ({@link
 * #webhookUrl}), and known secrets and {@code Bearer}/{@code Basic} credentials in body excerpts ({@link #excerpt}).
 * The mask is always {@code ****} so people learn to recognise it; the rest stays readable for debugging.
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

    /** Secrets shorter than this are masked where they appear whole, but a cut-off prefix of one is not sought. */
    static final int MIN_SECRET_FOR_PREFIX = 8;
    /** The shortest cut-off prefix of a secret masked at an excerpt's end; fewer characters give nothing away. */
    static final int MIN_PREFIX = 4;

    private static final Pattern CREDENTIAL = Pattern.compile("(?i)\\b(bearer|basic)(\\s+)[A-Za-z0-9._~+/-]{8,}=*");
    private static final Pattern GITEA_CREDENTIAL =
            Pattern.compile("(?i)\\b(authorization\"?\\s*[:=]\\s*\"?token)(\\s+)[^\\s\"',;]{8,}");
    /** A scheme word and the start of a credential at the very end of a cut excerpt. */
    private static final Pattern CUT_CREDENTIAL = Pattern.compile("(?i)\\b(bearer|basic)(\\s+)\\S+$");

    private static final int WINDOW_MARGIN = 512;

    private Redactor() {}

    /**
     * A webhook URL fit to show: scheme and host (and port) only, its path and query masked whatever the host, since a
     * webhook URL is itself the credential ({@code https://discord.example/****}).
     */
    public static String webhookUrl(String url) {
        if (url == null) {
            return null;
        }
        Matcher m = ORIGIN.matcher(url);
        if (!m.find()) {
            return MASK;
        }
        String origin = url(m.group());
        return m.end() == url.length() || url.substring(m.end()).equals("/") ? origin : origin + "/" + MASK;
    }

    private static final Pattern ORIGIN = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*://[^/?#]*");

    /**
     * A one-line excerpt of at most {@code max} characters (then {@code …}) of a response body or command output, with
     * secrets masked before it is cut: each of {@code secrets} wherever it appears, {@code Bearer}/{@code Basic}
     * credentials, and URL secrets as {@link #text} does. After the cut, a trailing piece that is the start of a secret
     * of {@value #MIN_SECRET_FOR_PREFIX}+ characters ({@value #MIN_PREFIX}+ of them shown), or a credential cut after
     * its scheme, is masked too, since a body can itself end part-way through an echoed secret.
     */
    public static String excerpt(String text, int max, Collection<String> secrets) {
        if (text == null) {
            return "";
        }
        List<String> known = secrets.stream()
                .filter(x -> !x.isEmpty())
                .sorted(Comparator.comparingInt(String::length).reversed())
                .toList();
        // Only what can reach the excerpt is looked at (the longest secret and a URL's tail past the cut included),
        // so a megabyte body costs no more than a short one.
        int window = max + (known.isEmpty() ? 0 : known.get(0).length()) + WINDOW_MARGIN;
        String out = (text.length() > window ? text.substring(0, window) : text)
                .codePoints()
                .map(c -> Character.isISOControl(c) ? ' ' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString()
                .strip();
        for (String secret : known) {
            out = out.replace(secret, MASK);
        }
        out = CREDENTIAL.matcher(out).replaceAll("$1$2" + MASK);
        out = GITEA_CREDENTIAL.matcher(out).replaceAll("$1$2" + MASK);
        out = text(out);
        boolean cut = out.length() > max || text.length() > window;
        if (cut) {
            int end = Math.min(max, out.length());
            if (end > 0 && end < out.length() && Character.isHighSurrogate(out.charAt(end - 1))) {
                end--;
            }
            while (end > 0 && end < out.length() && out.charAt(end) == '*' && out.charAt(end - 1) == '*') {
                // Never half a mask: "**" would hide that something was masked.
                end--;
            }
            out = out.substring(0, end);
        }
        out = maskCutSecret(out, known);
        if (cut) {
            Matcher m = CUT_CREDENTIAL.matcher(out);
            if (m.find() && !m.group().endsWith(MASK)) {
                out = out.substring(0, m.start()) + m.group(1) + m.group(2) + MASK;
            }
            return out + "…";
        }
        return out;
    }

    private static String maskCutSecret(String text, List<String> secrets) {
        for (String secret : secrets) {
            if (secret.length() < MIN_SECRET_FOR_PREFIX) {
                continue;
            }
            for (int k = Math.min(secret.length() - 1, text.length()); k >= MIN_PREFIX; k--) {
                if (text.regionMatches(text.length() - k, secret, 0, k)) {
                    return text.substring(0, text.length() - k) + MASK;
                }
            }
        }
        return text;
    }

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
