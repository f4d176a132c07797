package io.releaseguard.engine.target;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Splits a remote read's output: the first line (the permission bits, or the size of a refused file) is kept, every
 * byte after it goes on to the content stream, counted. The line is short by construction; a longer one is an error
 * rather than a buffer that grows.
 */
final class FirstLine extends OutputStream {
    /** The longest first line kept, newline included. */
    static final int MAX = 24;

    private final OutputStream content;
    private final byte[] line = new byte[MAX];
    private int lineLength;
    private boolean complete;
    private long forwarded;

    FirstLine(OutputStream content) {
        this.content = content;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        int i = off;
        int end = off + len;
        while (!complete && i < end) {
            byte c = b[i++];
            if (c == '\n') {
                complete = true;
            } else if (lineLength == MAX - 1) {
                throw new IOException("the first line of a remote read is longer than " + MAX + " bytes");
            } else {
                line[lineLength++] = c;
            }
        }
        if (i < end) {
            content.write(b, i, end - i);
            forwarded += end - i;
        }
    }

    /** Whether the first line ended with its newline. */
    boolean complete() {
        return complete;
    }

    /** The first line without its newline (so far). */
    String line() {
        return new String(line, 0, lineLength, StandardCharsets.US_ASCII);
    }

    /** How many bytes went on to the content stream. */
    long forwarded() {
        return forwarded;
    }
}
