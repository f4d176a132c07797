package io.releaseguard.engine.snapshot;

import io.releaseguard.engine.secret.Redactor;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Decides which snapshot files are secrets and how they may be shown. Env files ({@code .env}, {@code .env.*},
 * {@code *.env}) show their keys only: values as {@code KEY=****} and comment lines as {@code # ****}, since a
 * comment is where an old password is parked. Files that look like keys or credentials ({@code *.pem}, {@code *.key},
 * {@code id_*}, and any path mentioning {@code credentials}, {@code secret} or {@code token}) show nothing but their
 * size. Secret files are shown without their hash: a short secret's SHA-256 can be guessed.
 */
public final class SecretFiles {
    private SecretFiles() {}

    /** How a snapshot file may be shown; the closed set of secrecy rules. */
    public enum Kind {
        /** Shown as it is. */
        PLAIN,
        /** An env file: keys shown, values and comments masked. */
        ENV,
        /** A key or credentials file: nothing of its content is shown. */
        OPAQUE
    }

    public static Kind kind(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        String name = lower.substring(lower.lastIndexOf('/') + 1);
        if (name.endsWith(".pem")
                || name.endsWith(".key")
                || name.startsWith("id_")
                || lower.contains("credentials")
                || lower.contains("secret")
                || lower.contains("token")) {
            return Kind.OPAQUE;
        }
        if (name.equals(".env") || name.startsWith(".env.") || name.endsWith(".env")) {
            return Kind.ENV;
        }
        return Kind.PLAIN;
    }

    public static boolean isSecret(String path) {
        return kind(path) != Kind.PLAIN;
    }

    /** What may be shown of a file's content: itself, its masked lines, or {@code ****}. */
    public static String shown(String path, byte[] content) {
        return switch (kind(path)) {
            case PLAIN -> new String(content, StandardCharsets.UTF_8);
            case ENV -> masked(content);
            case OPAQUE -> Redactor.MASK;
        };
    }

    /** An env file's text with every value and every comment masked. */
    static String masked(byte[] content) {
        return new String(content, StandardCharsets.UTF_8)
                .lines()
                .map(SecretFiles::maskLine)
                .collect(Collectors.joining("\n"));
    }

    private static String maskLine(String line) {
        String t = line.strip();
        if (t.isEmpty()) {
            return line;
        }
        if (t.startsWith("#")) {
            return "# " + Redactor.MASK;
        }
        int eq = line.indexOf('=');
        return eq > 0 ? line.substring(0, eq + 1) + Redactor.MASK : Redactor.MASK;
    }
}
