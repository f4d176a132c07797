package io.releaseguard.engine.health;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * One HTTP/1.1 connection of {@link Http1Client}: a socket with its own read buffer whose every read is bounded by
 * what is left of the exchange's deadline (the socket timeout is set to it before each read), so a server that
 * drips its headers or its body a byte at a time cannot hold a request past the deadline.
 */
final class Http1Connection implements AutoCloseable {
    /** The longest header line read; a longer one is not HTTP a health endpoint sends. */
    static final int BUFFER = 16 * 1024;

    final String origin;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] buf = new byte[BUFFER];
    private int pos;
    private int lim;
    private long deadline;
    private volatile boolean expired;
    /** When it last went back to the pool ({@link System#nanoTime}). */
    long idleSince;

    Http1Connection(String origin, Socket socket) throws IOException {
        this.origin = origin;
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** Bounds every following read by {@code deadline} ({@link System#nanoTime} scale). */
    void deadline(long deadline) {
        this.deadline = deadline;
    }

    void write(byte[] head, byte[] body) throws IOException {
        out.write(head);
        if (body.length > 0) {
            out.write(body);
        }
        out.flush();
    }

    /** Closes the socket from another thread when the deadline passed during a write (reads bound themselves). */
    void expire() {
        expired = true;
        close();
    }

    boolean expired() {
        return expired;
    }

    /** Whether bytes beyond the last response are buffered: such a connection is not in a state to reuse. */
    boolean hasBufferedBytes() {
        return pos < lim;
    }

    /**
     * The next line without its CRLF (a bare LF is accepted), decoded as ISO-8859-1; {@code budget} holds what may
     * still be read of the header section and is decremented.
     */
    String readLine(int[] budget) throws IOException {
        int from = pos;
        while (true) {
            for (int i = from; i < lim; i++) {
                if (buf[i] == '\n') {
                    int end = i > pos && buf[i - 1] == '\r' ? i - 1 : i;
                    String line = new String(buf, pos, end - pos, StandardCharsets.ISO_8859_1);
                    budget[0] -= i + 1 - pos;
                    if (budget[0] < 0) {
                        throw new ProtocolException(
                                "response header section exceeds " + Http1Client.MAX_HEADER_BYTES + " bytes");
                    }
                    pos = i + 1;
                    return line;
                }
            }
            int have = lim - pos;
            if (have >= buf.length || have > budget[0]) {
                throw new ProtocolException(
                        "response header line longer than " + Math.min(buf.length, budget[0]) + " bytes");
            }
            compact();
            from = lim;
            if (fill() < 0) {
                throw new EOFException("end of stream");
            }
        }
    }

    /**
     * Reads up to {@code len} body bytes into {@code dst}: what is buffered first, then from the socket. Returns the
     * count, or -1 at the end of the stream.
     */
    int read(byte[] dst, int off, int len) throws IOException {
        if (pos == lim) {
            pos = 0;
            lim = 0;
            if (len >= buf.length) {
                return readSocket(dst, off, len);
            }
            if (fill() < 0) {
                return -1;
            }
        }
        int n = Math.min(len, lim - pos);
        System.arraycopy(buf, pos, dst, off, n);
        pos += n;
        return n;
    }

    private void compact() {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, lim - pos);
            lim -= pos;
            pos = 0;
        }
    }

    private int fill() throws IOException {
        int n = readSocket(buf, lim, buf.length - lim);
        if (n > 0) {
            lim += n;
        }
        return n;
    }

    private int readSocket(byte[] dst, int off, int len) throws IOException {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new SocketTimeoutException("deadline passed");
        }
        // Rounded up so a last fraction of a millisecond is not a zero (= infinite) timeout.
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, (left + 999_999) / 1_000_000));
        return in.read(dst, off, len);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is all that was wanted
        }
    }

    /** The server's bytes are not HTTP/1.1 as RFC 9112 describes it. */
    static final class ProtocolException extends IOException {
        private static final long serialVersionUID = 1L;

        ProtocolException(String message) {
            super(message);
        }
    }
}
