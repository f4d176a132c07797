package io.releaseguard.engine.snapshot;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 as lower-case hex, the one content address used by snapshots. */
public final class Sha256 {
    private Sha256() {}

    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    /** The hash of everything {@code in} still holds, read with one small buffer; {@code in} is closed. */
    public static String hex(InputStream in) throws IOException {
        try (in;
                Sink sink = new Sink()) {
            in.transferTo(sink);
            return sink.hex();
        }
    }

    static boolean isHash(String s) {
        return s != null && s.matches("[0-9a-f]{64}");
    }

    static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** A stream that keeps nothing but the hash and the count of what is written to it. */
    public static final class Sink extends OutputStream {
        private final MessageDigest digest = digest();
        private long size;

        @Override
        public void write(int b) {
            digest.update((byte) b);
            size++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            digest.update(b, off, len);
            size += len;
        }

        /** The bytes written so far. */
        public long size() {
            return size;
        }

        /** The hash of what was written; call once, at the end. */
        public String hex() {
            return HexFormat.of().formatHex(digest.digest());
        }
    }
}
