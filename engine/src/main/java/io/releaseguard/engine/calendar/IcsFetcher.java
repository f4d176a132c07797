package io.releaseguard.engine.calendar;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Port: reads the text of an ICS freeze calendar named in the policy, a path relative to the policy's folder or an
 * http(s) URL. Called only when a calendar is evaluated, never while the policy is merely loaded from a URL.
 */
@FunctionalInterface
public interface IcsFetcher {
    String fetch(String source, Path baseDir) throws IOException;

    /** Whether {@code source} names a URL rather than a file. */
    static boolean isUrl(String source) {
        String lower = source.toLowerCase(java.util.Locale.ROOT);
        return lower.startsWith("https://") || lower.startsWith("http://");
    }
}
