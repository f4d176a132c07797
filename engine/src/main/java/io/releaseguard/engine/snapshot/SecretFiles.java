package io.releaseguard.engine.snapshot;

import io.releaseguard.engine.secret.Redactor;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Decides which snapshot files are secrets and how they may be shown. The rule: a file named {@code .env},
 * {@code .env.*} or {@code *.env}, or whose path mentions {@code secret}, is a secret; its values are shown as
 * {@code KEY=****}, comments and blank lines as they are, anything else as {@code ****}.
 */
public final class SecretFiles {
    private SecretFiles() {}

    public static boolean isSecret(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        return name.equals(".env")
                || name.startsWith(".env.")
                || name.endsWith(".env")
                || path.toLowerCase(Locale.ROOT).contains("secret");
    }

    /** The file's text with every value masked. */
    public static String masked(byte[] content) {
        return new String(content, StandardCharsets.UTF_8)
                .lines()
                .map(SecretFiles::maskLine)
                .collect(Collectors.joining("\n"));
    }

    private static String maskLine(String line) {
        String t = line.strip();
        if (t.isEmpty() || t.startsWith("#")) {
            return line;
        }
        int eq = line.indexOf('=');
        return eq > 0 ? line.substring(0, eq + 1) + Redactor.MASK : Redactor.MASK;
    }
}
