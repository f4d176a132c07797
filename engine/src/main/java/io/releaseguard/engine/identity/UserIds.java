package io.releaseguard.engine.identity;

import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.ReleaseGuardException;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;

/**
 * The one rule for user ids, wherever they are compared (requesters, approvers, reviewer lists, groups, authors,
 * release-candidate approvers). An id's canonical form is its NFKC normalisation, case-folded, so {@code ａｌｉｃｅ},
 * {@code ALICE} and {@code alice} are one user. An id must not be empty, longer than {@value #MAX_LENGTH} characters
 * or contain whitespace, control, format (zero-width), separator, private-use or unassigned characters: such an id
 * is refused, never trimmed, since {@code " alice"} or {@code "alice\u200b"} is someone pretending to be somebody.
 */
public final class UserIds {
    /** The longest canonical id accepted. */
    public static final int MAX_LENGTH = 128;

    private UserIds() {}

    /**
     * The comparison key of any name, id or not (git author names and emails included): NFKC, then full case folding
     * (upper then lower case, so {@code ß} folds to {@code ss}), then NFKC again. Never refuses.
     */
    public static String key(String name) {
        String nfkc = Normalizer.normalize(name, Normalizer.Form.NFKC);
        String folded = nfkc.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
        return Normalizer.normalize(folded, Normalizer.Form.NFKC);
    }

    /** True when both names have the same {@link #key}. */
    public static boolean same(String a, String b) {
        return key(a).equals(key(b));
    }

    /** Why {@code raw} cannot be a user id, or empty when it can. */
    public static Optional<String> problem(String raw) {
        if (raw == null || raw.isEmpty()) {
            return Optional.of("is empty");
        }
        Optional<String> bad = badCharacter(raw).or(() -> badCharacter(key(raw)));
        if (bad.isPresent()) {
            return Optional.of(bad.get() + "; user ids cannot contain whitespace, control or invisible characters");
        }
        int length = key(raw).codePointCount(0, key(raw).length());
        if (length > MAX_LENGTH) {
            return Optional.of("is " + length + " characters long; user ids have at most " + MAX_LENGTH);
        }
        return Optional.empty();
    }

    /**
     * The canonical form of {@code raw}, or an invalid-input error naming {@code what} ("requester", "approver") and
     * showing the value with every invisible character escaped.
     */
    public static String require(String what, String raw) throws ReleaseGuardException {
        Optional<String> problem = problem(raw);
        if (problem.isPresent()) {
            throw new ReleaseGuardException(
                    ExitCode.INVALID, what + " " + quote(raw == null ? "" : raw) + " " + problem.get());
        }
        return key(raw);
    }

    /** {@code raw} in double quotes with control, format and non-ASCII whitespace characters as escapes. */
    public static String quote(String raw) {
        StringBuilder out = new StringBuilder("\"");
        raw.codePoints().forEach(c -> {
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c != ' ' && (kind(c).isPresent())) {
                        out.append(String.format("\\u%04x", c));
                    } else {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.append('"').toString();
    }

    private static Optional<String> badCharacter(String s) {
        int position = 1;
        for (int i = 0; i < s.length(); position++) {
            int c = s.codePointAt(i);
            Optional<String> kind = kind(c);
            if (kind.isPresent()) {
                return Optional.of(
                        "contains U+" + String.format("%04X", c) + " (" + kind.get() + ") at position " + position);
            }
            i += Character.charCount(c);
        }
        return Optional.empty();
    }

    /** What kind of character {@code c} is when it may not appear in an id. */
    private static Optional<String> kind(int c) {
        if (Character.getType(c) == Character.CONTROL) {
            return Optional.of("a control character");
        }
        if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
            return Optional.of("whitespace");
        }
        return switch (Character.getType(c)) {
            case Character.FORMAT -> Optional.of("a format character");
            case Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> Optional.of("a separator");
            case Character.PRIVATE_USE -> Optional.of("a private-use character");
            case Character.SURROGATE -> Optional.of("an unpaired surrogate");
            case Character.UNASSIGNED -> Optional.of("an unassigned character");
            default -> Optional.empty();
        };
    }
}
