package io.releaseguard.engine.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A provider query from the policy with the placeholders {@code ${service}}, {@code ${release}} and {@code
 * ${environment}}, checked when the policy is read and filled when a provider asks. The rule for PromQL: a placeholder
 * must stand inside a quoted string (a label value), where its value is escaped for that string, and also quoted as a
 * regular expression when the string follows {@code =~} or {@code !~}; so a value is always matched literally and
 * can never change the query. Plain text is filled verbatim, for the provider to encode where it sends it.
 */
public record QueryTemplate(String text, Syntax syntax) {
    /** The values a query may be scoped by. */
    public enum Placeholder {
        SERVICE,
        RELEASE,
        ENVIRONMENT;

        /** {@code service}, as written between the braces. */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** {@code ${service}}, as written in the policy. */
        public String token() {
            return "${" + key() + "}";
        }
    }

    /** How a template is read and how its values are escaped. */
    public enum Syntax {
        PROMQL,
        TEXT
    }

    public QueryTemplate {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(syntax, "syntax");
        parts(text, syntax);
    }

    /** The placeholders this template uses. */
    public Set<Placeholder> placeholders() {
        Set<Placeholder> used = EnumSet.noneOf(Placeholder.class);
        for (Part p : parts(text, syntax)) {
            if (p instanceof Slot s) {
                used.add(s.placeholder());
            }
        }
        return used;
    }

    public boolean uses(Placeholder p) {
        return placeholders().contains(p);
    }

    /**
     * The query with every placeholder replaced by its (escaped) value.
     *
     * @throws IllegalStateException when a placeholder the template uses has no value
     */
    public String fill(Map<Placeholder, String> values) {
        StringBuilder out = new StringBuilder();
        for (Part p : parts(text, syntax)) {
            if (p instanceof Literal l) {
                out.append(l.text());
                continue;
            }
            Slot s = (Slot) p;
            String value = values.get(s.placeholder());
            if (value == null) {
                throw new IllegalStateException(
                        "no value for " + s.placeholder().token() + " in " + text);
            }
            out.append(
                    switch (s.quoting()) {
                        case NONE -> value;
                        case STRING -> escapeString(value, s.quote());
                        case REGEX -> escapeString(quoteMeta(value), s.quote());
                    });
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return text;
    }

    private enum Quoting {
        NONE,
        STRING,
        REGEX
    }

    private sealed interface Part permits Literal, Slot {}

    private record Literal(String text) implements Part {}

    private record Slot(Placeholder placeholder, Quoting quoting, char quote) implements Part {}

    /** Splits {@code text} into literal runs and placeholders; a misuse is an {@link IllegalArgumentException}. */
    private static List<Part> parts(String text, Syntax syntax) {
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        char quote = 0;
        boolean regex = false;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (text.startsWith("${", i)) {
                int end = text.indexOf('}', i);
                if (end < 0) {
                    throw new IllegalArgumentException("has an unclosed '${' (placeholders are written ${service})");
                }
                Placeholder p = placeholder(text.substring(i + 2, end));
                Quoting q = Quoting.NONE;
                if (syntax == Syntax.PROMQL) {
                    q = promqlQuoting(p, quote, regex);
                }
                parts.add(new Literal(literal.toString()));
                literal.setLength(0);
                parts.add(new Slot(p, q, quote));
                i = end + 1;
                continue;
            }
            literal.append(c);
            i++;
            if (syntax == Syntax.TEXT) {
                continue;
            }
            if (quote == '#') {
                quote = c == '\n' ? 0 : quote;
            } else if (quote != 0 && quote != '`' && c == '\\' && i < text.length()) {
                literal.append(text.charAt(i));
                i++;
            } else if (quote != 0 && c == quote) {
                quote = 0;
            } else if (quote == 0 && (c == '"' || c == '\'' || c == '`' || c == '#')) {
                String before = literal.substring(0, literal.length() - 1).stripTrailing();
                regex = before.endsWith("=~") || before.endsWith("!~");
                quote = c;
            }
        }
        if (quote != 0 && quote != '#') {
            throw new IllegalArgumentException("has an unclosed " + quote + " string");
        }
        parts.add(new Literal(literal.toString()));
        return parts;
    }

    private static Quoting promqlQuoting(Placeholder p, char quote, boolean regex) {
        if (quote == 0 || quote == '#') {
            throw new IllegalArgumentException(p.token() + " must stand inside a quoted label value such as {" + p.key()
                    + "=\"" + p.token() + "\"}: outside quotes a value could change the query");
        }
        if (quote == '`') {
            throw new IllegalArgumentException(
                    p.token() + " stands in a `raw` string, where its value cannot be escaped; use \"double quotes\"");
        }
        return regex ? Quoting.REGEX : Quoting.STRING;
    }

    private static Placeholder placeholder(String key) {
        for (Placeholder p : Placeholder.values()) {
            if (p.key().equals(key)) {
                return p;
            }
        }
        List<String> known =
                Arrays.stream(Placeholder.values()).map(Placeholder::key).toList();
        String hint = DidYouMean.closest(key, known)
                .map(k -> "; did you mean ${" + k + "}?")
                .orElse(" (known: "
                        + String.join(
                                ", ",
                                Arrays.stream(Placeholder.values())
                                        .map(Placeholder::token)
                                        .toList())
                        + ")");
        throw new IllegalArgumentException("unknown placeholder ${" + key + "}" + hint);
    }

    /** Escapes for a PromQL string literal opened with {@code quote}: only that quote, backslash and controls. */
    static String escapeString(String value, char quote) {
        StringBuilder sb = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' || c == quote) {
                sb.append('\\').append(c);
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c < 0x20 || c == 0x7f) {
                sb.append(String.format(Locale.ROOT, "\\x%02x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** RE2's QuoteMeta: every regular-expression metacharacter preceded by a backslash. */
    static String quoteMeta(String value) {
        StringBuilder sb = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ("\\.+*?()|[]{}^$".indexOf(c) >= 0) {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }
}
