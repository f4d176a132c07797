package io.releaseguard.engine.registry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One challenge of a {@code WWW-Authenticate} header (RFC 9110 §11.6.1): a scheme ({@code basic}, {@code bearer},
 * lowercased) and its parameters ({@code realm}, {@code service}, {@code scope}, names lowercased, quoted values
 * unescaped). A header may hold several challenges; parsing never throws, it keeps what it could read.
 */
record AuthChallenge(String scheme, Map<String, String> params) {
    public AuthChallenge {
        params = Map.copyOf(params);
    }

    Optional<String> param(String name) {
        return Optional.ofNullable(params.get(name));
    }

    /** Every challenge in every value of the header, in order. */
    static List<AuthChallenge> parse(List<String> headerValues) {
        List<AuthChallenge> out = new ArrayList<>();
        for (String value : headerValues) {
            parseOne(value, out);
        }
        return out;
    }

    private static void parseOne(String header, List<AuthChallenge> out) {
        Cursor c = new Cursor(header);
        String scheme = null;
        Map<String, String> params = new LinkedHashMap<>();
        while (c.skipSeparators()) {
            String token = c.token();
            if (token.isEmpty()) {
                c.pos++;
                continue;
            }
            c.skipSpaces();
            if (scheme != null && c.peek() == '=') {
                c.pos++;
                c.skipSpaces();
                params.put(token.toLowerCase(Locale.ROOT), c.peek() == '"' ? c.quoted() : c.token());
            } else {
                if (scheme != null) {
                    out.add(new AuthChallenge(scheme, params));
                    params = new LinkedHashMap<>();
                }
                scheme = token.toLowerCase(Locale.ROOT);
            }
        }
        if (scheme != null) {
            out.add(new AuthChallenge(scheme, params));
        }
    }

    private static final class Cursor {
        private final String s;
        private int pos;

        Cursor(String s) {
            this.s = s;
        }

        char peek() {
            return pos < s.length() ? s.charAt(pos) : '\0';
        }

        void skipSpaces() {
            while (pos < s.length() && (s.charAt(pos) == ' ' || s.charAt(pos) == '\t')) {
                pos++;
            }
        }

        /** Skips blanks and commas; false at the end. */
        boolean skipSeparators() {
            while (pos < s.length() && (s.charAt(pos) == ',' || Character.isWhitespace(s.charAt(pos)))) {
                pos++;
            }
            return pos < s.length();
        }

        String token() {
            int start = pos;
            while (pos < s.length() && "=,\" \t".indexOf(s.charAt(pos)) < 0) {
                pos++;
            }
            return s.substring(start, pos);
        }

        String quoted() {
            StringBuilder sb = new StringBuilder();
            pos++;
            while (pos < s.length() && s.charAt(pos) != '"') {
                if (s.charAt(pos) == '\\' && pos + 1 < s.length()) {
                    pos++;
                }
                sb.append(s.charAt(pos++));
            }
            pos++;
            return sb.toString();
        }
    }
}
