package io.releaseguard.engine.health;

import io.releaseguard.engine.health.Http1Connection.ProtocolException;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * Reads one HTTP/1.1 response from a {@link Http1Connection} as RFC 9112 frames it: interim 1xx responses skipped;
 * no body after HEAD, 204 and 304; otherwise chunked (when it is the last transfer coding), Content-Length, or the
 * bytes until the server closes. A body is never read past {@code maxBodyBytes}: a declared length above it fails
 * before reading, a streamed one as soon as it passes the cap. What was seen so far stays readable after a failure.
 */
final class Http1Response {
    private final Http1Connection c;
    private final boolean head;
    private final long max;
    private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private volatile int status = -1;
    private volatile long received;
    private boolean reusable;
    private byte[] body = new byte[0];

    Http1Response(Http1Connection c, boolean head, long maxBodyBytes) {
        this.c = c;
        this.head = head;
        // A Java array holds at most this much; a larger cap is the same as no cap for a health probe.
        this.max = Math.min(maxBodyBytes, Integer.MAX_VALUE - 8);
    }

    /** The body is larger than the cap. */
    static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge(String message) {
            super(message);
        }
    }

    void read() throws IOException {
        int[] budget = {Http1Client.MAX_HEADER_BYTES};
        boolean http10;
        int code;
        do {
            headers.clear();
            String line = c.readLine(budget);
            if (line.length() < 12
                    || !(line.startsWith("HTTP/1.1 ") || line.startsWith("HTTP/1.0 "))
                    || !digits(line, 9, 12)
                    || line.length() > 12 && line.charAt(12) != ' ') {
                throw new ProtocolException("not an HTTP/1.x status line: \"" + HealthAssessment.excerpt(line) + "\"");
            }
            http10 = line.charAt(7) == '0';
            code = Integer.parseInt(line, 9, 12, 10);
            readHeaders(budget);
            if (code == 101) {
                throw new ProtocolException("unexpected 101 Switching Protocols");
            }
        } while (code < 200);
        status = code;
        List<String> connection = tokens("connection");
        reusable = http10 ? connection.contains("keep-alive") : !connection.contains("close");
        if (head || code == 204 || code == 304) {
            return;
        }
        List<String> codings = tokens("transfer-encoding");
        if (!codings.isEmpty()) {
            // RFC 9112 6.1: Transfer-Encoding overrides Content-Length, and such a connection is not reused.
            if (headers.containsKey("content-length")
                    || !codings.get(codings.size() - 1).equals("chunked")) {
                reusable = false;
            }
            if (codings.get(codings.size() - 1).equals("chunked")) {
                chunked();
            } else {
                untilClose();
            }
        } else if (headers.containsKey("content-length")) {
            fixed(contentLength());
        } else {
            reusable = false;
            untilClose();
        }
    }

    int status() {
        return status;
    }

    /** The final status, once its line was read. */
    OptionalInt statusSeen() {
        int s = status;
        return s < 0 ? OptionalInt.empty() : OptionalInt.of(s);
    }

    long received() {
        return received;
    }

    /** Whether the connection can carry another exchange after this one. */
    boolean reusable() {
        return reusable;
    }

    Map<String, List<String>> headers() {
        return headers;
    }

    byte[] body() {
        return body;
    }

    private void readHeaders(int[] budget) throws IOException {
        while (true) {
            String line = c.readLine(budget);
            if (line.isEmpty()) {
                return;
            }
            int colon = line.indexOf(':');
            if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                throw new ProtocolException("folded header line (obsolete line folding)");
            }
            if (colon <= 0 || !Http1Request.isToken(line.substring(0, colon))) {
                throw new ProtocolException("invalid header line \"" + HealthAssessment.excerpt(line) + "\"");
            }
            headers.computeIfAbsent(line.substring(0, colon), k -> new ArrayList<>(1))
                    .add(line.substring(colon + 1).strip());
        }
    }

    /** The comma-separated tokens of a header, lower case, over all its lines. */
    private List<String> tokens(String name) {
        List<String> values = headers.get(name);
        if (values == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>(2);
        for (String v : values) {
            for (String t : v.split(",")) {
                String token = t.strip().toLowerCase(java.util.Locale.ROOT);
                if (!token.isEmpty()) {
                    out.add(token);
                }
            }
        }
        return out;
    }

    private long contentLength() throws ProtocolException {
        long length = -1;
        for (String v : headers.get("content-length")) {
            for (String part : v.split(",")) {
                String p = part.strip();
                if (p.isEmpty() || p.length() > 18 || !digits(p, 0, p.length())) {
                    throw new ProtocolException("invalid Content-Length \"" + HealthAssessment.excerpt(v) + "\"");
                }
                long n = Long.parseLong(p);
                if (length >= 0 && n != length) {
                    throw new ProtocolException("conflicting Content-Length values " + length + " and " + n);
                }
                length = n;
            }
        }
        return length;
    }

    private void fixed(long length) throws IOException {
        if (length > max) {
            reusable = false;
            throw new TooLarge(
                    "body of " + length + " bytes (Content-Length) exceeds maxBodyBytes " + max + "; not read");
        }
        byte[] b = new byte[(int) length];
        int off = 0;
        while (off < length) {
            int n = c.read(b, off, (int) length - off);
            if (n < 0) {
                throw new EOFException("end of stream");
            }
            off += n;
            received = off;
        }
        body = b;
    }

    private void chunked() throws IOException {
        byte[] b = new byte[1024];
        int size = 0;
        while (true) {
            int[] lineBudget = {Http1Connection.BUFFER};
            String line = c.readLine(lineBudget);
            int semi = line.indexOf(';');
            String hex = (semi < 0 ? line : line.substring(0, semi)).strip();
            if (hex.isEmpty() || hex.length() > 15 || !hex(hex)) {
                throw new ProtocolException("invalid chunk size \"" + HealthAssessment.excerpt(line) + "\"");
            }
            long chunk = Long.parseLong(hex, 16);
            if (chunk == 0) {
                int[] trailers = {Http1Client.MAX_HEADER_BYTES};
                while (!c.readLine(trailers).isEmpty()) {
                    // trailer fields are not used
                }
                body = Arrays.copyOf(b, size);
                return;
            }
            if (size + chunk > max) {
                reusable = false;
                received = size + chunk;
                throw new TooLarge("body exceeds maxBodyBytes " + max + " (stopped reading after " + size
                        + " bytes, at a chunk of " + chunk + ")");
            }
            if (size + chunk > b.length) {
                b = Arrays.copyOf(b, (int) Math.min(max, Math.max(size + chunk, 2L * b.length)));
            }
            long end = size + chunk;
            while (size < end) {
                int n = c.read(b, size, (int) (end - size));
                if (n < 0) {
                    throw new EOFException("end of stream");
                }
                size += n;
                received = size;
            }
            if (!c.readLine(lineBudget).isEmpty()) {
                throw new ProtocolException("chunk of " + chunk + " bytes not followed by CRLF");
            }
        }
    }

    private void untilClose() throws IOException {
        byte[] b = new byte[(int) Math.min(max + 1, 8192)];
        int size = 0;
        while (true) {
            if (size == b.length) {
                // Never past max + 1: one byte more than the cap is enough to know the body is too large.
                b = Arrays.copyOf(b, (int) Math.min(max + 1, 2L * b.length));
            }
            int n = c.read(b, size, b.length - size);
            if (n < 0) {
                body = Arrays.copyOf(b, size);
                return;
            }
            size += n;
            received = size;
            if (size > max) {
                throw new TooLarge("body exceeds maxBodyBytes " + max + " (stopped reading after " + size + " bytes)");
            }
        }
    }

    private static boolean digits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean hex(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }
}
