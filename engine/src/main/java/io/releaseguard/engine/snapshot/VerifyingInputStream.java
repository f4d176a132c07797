package io.releaseguard.engine.snapshot;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * A stored blob read back while its SHA-256 is checked. The last bytes are handed out only after the hash matched:
 * the stream reads one byte ahead, so the reader that sees the end of a damaged blob gets an error instead, with the
 * final bytes still held back (an SSH write that would otherwise see a complete stream never gets one).
 */
final class VerifyingInputStream extends InputStream {
    private final InputStream in;
    private final String expected;
    private final String name;
    private final MessageDigest digest = Sha256.digest();
    private int pending = -1;
    private boolean ended;
    private boolean verified;

    VerifyingInputStream(InputStream in, String expected, String name) {
        this.in = in;
        this.expected = expected;
        this.name = name;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        int n = 0;
        if (pending >= 0) {
            b[off] = (byte) pending;
            pending = -1;
            n = 1;
        }
        if (!ended) {
            int m = n < len ? in.read(b, off + n, len - n) : 0;
            if (m < 0) {
                ended = true;
            } else {
                n += m;
                int next = in.read();
                if (next < 0) {
                    ended = true;
                } else {
                    pending = next;
                }
            }
        }
        digest.update(b, off, n);
        if (ended && pending < 0 && !verified) {
            String actual = HexFormat.of().formatHex(digest.digest());
            if (!actual.equals(expected)) {
                throw new IOException(
                        name + ": snapshot content is damaged (sha256 " + actual + ", expected " + expected + ")");
            }
            verified = true;
        }
        return n == 0 ? -1 : n;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
