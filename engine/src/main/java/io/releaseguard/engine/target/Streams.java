package io.releaseguard.engine.target;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Copies file content through one small buffer, so a file's size never decides how much memory a snapshot or a
 * restore takes.
 */
public final class Streams {
    /** The buffer every copy uses. */
    public static final int BUFFER = 64 * 1024;

    private Streams() {}

    /**
     * Copies {@code in} to {@code out} until {@code in} ends or {@code max} bytes are exceeded, and returns the count;
     * {@code out} gets at most {@code max} bytes, and a count above {@code max} means the source was longer.
     */
    public static long copyAtMost(InputStream in, OutputStream out, long max) throws IOException {
        byte[] buffer = new byte[BUFFER];
        long copied = 0;
        int n;
        while (copied <= max && (n = in.read(buffer)) >= 0) {
            // Never more than max bytes reach out; the count still shows that more were there.
            int write = (int) Math.min(n, max - copied);
            out.write(buffer, 0, write);
            copied += n;
        }
        return copied;
    }

    /** Copies exactly {@code size} bytes of {@code in} to {@code out}; a shorter or longer source is an error. */
    public static void copyExactly(InputStream in, OutputStream out, long size) throws IOException {
        long copied = copyAtMost(in, out, size);
        if (copied != size) {
            throw new IOException(
                    "content is " + (copied > size ? "longer" : "shorter") + " than its " + size + " bytes");
        }
    }
}
