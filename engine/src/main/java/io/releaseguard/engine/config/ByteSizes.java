package io.releaseguard.engine.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses byte sizes: a plain number of bytes, or with a unit (B, KB, KiB, MB, MiB, GB, GiB). */
public final class ByteSizes {
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([KMG]i?B|B)?", Pattern.CASE_INSENSITIVE);

    private ByteSizes() {}

    /** The number of bytes in {@code text}; throws {@link IllegalArgumentException} for anything else. */
    public static long parse(String text) {
        Matcher m = SIZE.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("\"" + text + "\" is not a size");
        }
        long n;
        try {
            n = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("\"" + text + "\" is too large a size");
        }
        String unit = m.group(2) == null ? "B" : m.group(2).toUpperCase(Locale.ROOT);
        long factor =
                switch (unit) {
                    case "KB" -> 1000L;
                    case "KIB" -> 1024L;
                    case "MB" -> 1000L * 1000;
                    case "MIB" -> 1024L * 1024;
                    case "GB" -> 1000L * 1000 * 1000;
                    case "GIB" -> 1024L * 1024 * 1024;
                    default -> 1L;
                };
        try {
            return Math.multiplyExact(n, factor);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("\"" + text + "\" is too large a size");
        }
    }
}
