package io.releaseguard.engine.health;

import io.releaseguard.engine.health.ProbeResult.FailureKind;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * The HTTP/1.1 client behind {@link HttpHealthProbe}: blocking sockets, one exchange per calling thread, keep-alive
 * connections pooled per origin, TLS with host name verification. Every read is bounded by the exchange's deadline
 * ({@link Http1Connection}); a request body and a TLS handshake run under a watchdog that closes the socket at the
 * deadline.
 * Bodies are framed as RFC 9112 says (Content-Length, chunked, or until close) and never read past {@code
 * maxBodyBytes}. A GET, HEAD, PUT, DELETE or OPTIONS takes a pooled connection and, if the server closed it before
 * answering, is sent once more on a fresh one; other methods always use a fresh connection.
 */
final class Http1Client implements AutoCloseable {
    static final int MAX_HEADER_BYTES = 64 * 1024;
    /** Pooled connections idle longer than this are closed rather than reused (servers drop idle ones). */
    static final long MAX_IDLE_NANOS = TimeUnit.SECONDS.toNanos(20);

    static final int MAX_IDLE_PER_ORIGIN = 128;
    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "PUT", "DELETE", "OPTIONS");
    private static final byte[] EMPTY = new byte[0];

    private final Supplier<SSLSocketFactory> tls;
    private final String threadName;
    private final Map<String, ArrayDeque<Http1Connection>> idle = new HashMap<>();
    private final Set<Http1Connection> active = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService watchdog;
    private volatile boolean closed;

    /** {@code tls} is asked for a socket factory the first time an https URL is probed. */
    Http1Client(Supplier<SSLSocketFactory> tls, String threadName) {
        this.tls = tls;
        this.threadName = threadName;
    }

    /** One exchange to one of {@code addresses} (the URL's host, resolved), all of it before {@code deadline}. */
    ProbeResult send(ProbeRequest request, InetAddress[] addresses, long start, long deadline) {
        if (closed) {
            return failure(FailureKind.IO, "probe closed", start);
        }
        URI url = request.url();
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return failure(FailureKind.IO, "invalid request: unsupported URL scheme '" + scheme + "'", start);
        }
        boolean https = scheme.equals("https");
        int port = url.getPort() < 0 ? (https ? 443 : 80) : url.getPort();
        byte[] head;
        try {
            head = Http1Request.head(request, url.getPort() < 0 ? url.getHost() : url.getHost() + ":" + port);
        } catch (IllegalArgumentException e) {
            return failure(FailureKind.IO, "invalid request: " + e.getMessage(), start);
        }
        String origin = scheme + "://" + url.getHost().toLowerCase(Locale.ROOT) + ":" + port;
        if (IDEMPOTENT.contains(request.method())) {
            Http1Connection pooled = take(origin);
            if (pooled != null) {
                ProbeResult r = exchange(pooled, request, head, start, deadline);
                boolean closedBeforeAnswer = r instanceof ProbeResult.Failure f
                        && f.kind() == FailureKind.CONNECTION_RESET
                        && f.status().isEmpty();
                if (!closedBeforeAnswer) {
                    return r;
                }
            }
        }
        Http1Connection fresh;
        try {
            fresh = connect(origin, bare(url.getHost()), port, https, addresses, deadline);
        } catch (IOException e) {
            return connectFailure(e, request.timeout(), start);
        } catch (IllegalStateException e) {
            // The JVM's TLS context could not be set up (an unreadable trust store, say).
            return failure(FailureKind.TLS, "TLS error: " + e.getMessage(), start);
        } catch (RuntimeException e) {
            // The probe never throws for what the network or the URL does (HealthProbe's contract).
            return failure(FailureKind.IO, "cannot connect: " + e, start);
        }
        return exchange(fresh, request, head, start, deadline);
    }

    private Http1Connection connect(
            String origin, String host, int port, boolean https, InetAddress[] addresses, long deadline)
            throws IOException {
        IOException refused = new ConnectException("no address for " + host);
        for (InetAddress address : addresses) {
            Socket s = new Socket();
            try {
                s.setTcpNoDelay(true);
                s.connect(new InetSocketAddress(address, port), millisLeft(deadline));
                return new Http1Connection(origin, https ? handshake(s, host, port, deadline) : s);
            } catch (ConnectException e) {
                s.close();
                refused = e;
            } catch (IOException | RuntimeException e) {
                s.close();
                throw e;
            }
        }
        throw refused;
    }

    private Socket handshake(Socket plain, String host, int port, long deadline) throws IOException {
        SSLSocket ssl = (SSLSocket) tls.get().createSocket(plain, host, port, true);
        SSLParameters p = ssl.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS");
        ssl.setSSLParameters(p);
        ssl.setSoTimeout(millisLeft(deadline));
        // A server that drips its handshake a byte at a time satisfies every read's timeout, so the read timeout
        // alone does not bound the handshake: the watchdog closes the socket at the exchange's deadline.
        // Whichever comes first, the end of the handshake or the deadline, settles it: a socket the watchdog closed
        // is never handed on as if the handshake had succeeded.
        AtomicBoolean settled = new AtomicBoolean();
        ScheduledFuture<?> guard = watchdog()
                .schedule(
                        () -> {
                            if (settled.compareAndSet(false, true)) {
                                closeQuietly(plain);
                            }
                        },
                        deadline - System.nanoTime(),
                        TimeUnit.NANOSECONDS);
        try {
            ssl.startHandshake();
        } catch (IOException e) {
            if (!settled.compareAndSet(false, true)) {
                throw new SocketTimeoutException("TLS handshake not finished by the deadline");
            }
            throw e;
        } finally {
            guard.cancel(false);
        }
        if (!settled.compareAndSet(false, true)) {
            throw new SocketTimeoutException("TLS handshake not finished by the deadline");
        }
        return ssl;
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing is all that was wanted
        }
    }

    private ProbeResult exchange(Http1Connection c, ProbeRequest request, byte[] head, long start, long deadline) {
        active.add(c);
        if (closed) {
            c.close();
        }
        c.deadline(deadline);
        Http1Response response = new Http1Response(c, request.method().equals("HEAD"), request.maxBodyBytes());
        boolean keep = false;
        ScheduledFuture<?> guard = null;
        try {
            byte[] body = request.body().orElse(EMPTY);
            if (body.length > 0) {
                guard = watchdog().schedule(c::expire, deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            }
            c.write(head, body);
            response.read();
            keep = response.reusable() && !c.hasBufferedBytes();
            return new ProbeResult.Response(
                    response.status(),
                    HttpHeaders.of(response.headers(), (n, v) -> true),
                    response.body(),
                    since(start));
        } catch (IOException e) {
            return classify(e, c, response, request.timeout(), start);
        } catch (RuntimeException e) {
            return new ProbeResult.Failure(
                    FailureKind.IO, "invalid HTTP response: " + e, response.statusSeen(), since(start));
        } finally {
            if (guard != null) {
                guard.cancel(false);
            }
            active.remove(c);
            if (keep && !c.expired()) {
                release(c);
            } else {
                c.close();
            }
        }
    }

    private static ProbeResult classify(
            IOException e, Http1Connection c, Http1Response response, Duration timeout, long start) {
        OptionalInt status = response.statusSeen();
        if (e instanceof Http1Response.TooLarge) {
            return new ProbeResult.Failure(FailureKind.BODY_TOO_LARGE, e.getMessage(), status, since(start));
        }
        if (c.expired() || e instanceof SocketTimeoutException) {
            String got = status.isPresent()
                    ? " (status " + status.getAsInt() + ", " + response.received() + " bytes of body received)"
                    : "";
            return new ProbeResult.Failure(
                    FailureKind.TIMEOUT,
                    "no complete response within " + HttpHealthProbe.human(timeout) + got,
                    status,
                    since(start));
        }
        if (e instanceof SSLException) {
            return new ProbeResult.Failure(FailureKind.TLS, "TLS error: " + e.getMessage(), status, since(start));
        }
        if (e instanceof Http1Connection.ProtocolException) {
            return new ProbeResult.Failure(
                    FailureKind.IO, "invalid HTTP response: " + e.getMessage(), status, since(start));
        }
        String reason = e instanceof EOFException ? "the server closed the connection" : String.valueOf(e.getMessage());
        if (status.isPresent()) {
            return new ProbeResult.Failure(
                    FailureKind.CONNECTION_RESET,
                    "connection closed mid-body after " + response.received() + " bytes (status " + status.getAsInt()
                            + "): " + reason,
                    status,
                    since(start));
        }
        return new ProbeResult.Failure(
                FailureKind.CONNECTION_RESET, "connection closed: " + reason, status, since(start));
    }

    private static ProbeResult connectFailure(IOException e, Duration timeout, long start) {
        if (e instanceof SocketTimeoutException) {
            return failure(
                    FailureKind.TIMEOUT,
                    "no complete response within " + HttpHealthProbe.human(timeout) + " (no connection)",
                    start);
        }
        if (e instanceof SSLException) {
            return failure(FailureKind.TLS, "TLS error: " + e.getMessage(), start);
        }
        if (e instanceof ConnectException) {
            return failure(FailureKind.CONNECTION_REFUSED, "connection refused", start);
        }
        return failure(FailureKind.IO, "cannot connect: " + e.getMessage(), start);
    }

    private static ProbeResult failure(FailureKind kind, String detail, long start) {
        return ProbeResult.Failure.beforeResponse(kind, detail, since(start));
    }

    /** The most recently used idle connection to {@code origin} that is not too old, or null. */
    private Http1Connection take(String origin) {
        long now = System.nanoTime();
        List<Http1Connection> expired = new ArrayList<>(0);
        Http1Connection found = null;
        synchronized (idle) {
            ArrayDeque<Http1Connection> d = idle.get(origin);
            if (d != null && !d.isEmpty()) {
                Http1Connection c = d.pop();
                if (now - c.idleSince < MAX_IDLE_NANOS) {
                    found = c;
                } else {
                    // The rest went idle even earlier.
                    expired.add(c);
                    expired.addAll(d);
                    d.clear();
                }
            }
        }
        expired.forEach(Http1Connection::close);
        return found;
    }

    private void release(Http1Connection c) {
        c.idleSince = System.nanoTime();
        Http1Connection evicted = null;
        synchronized (idle) {
            if (!closed) {
                ArrayDeque<Http1Connection> d = idle.computeIfAbsent(c.origin, o -> new ArrayDeque<>());
                d.push(c);
                c = null;
                if (d.size() > MAX_IDLE_PER_ORIGIN) {
                    evicted = d.pollLast();
                }
            }
        }
        if (c != null) {
            c.close();
        }
        if (evicted != null) {
            evicted.close();
        }
    }

    private synchronized ScheduledExecutorService watchdog() {
        if (watchdog == null) {
            watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, threadName + "-deadline");
                t.setDaemon(true);
                return t;
            });
        }
        return watchdog;
    }

    /** Closes every pooled and in-flight connection; exchanges under way fail. */
    @Override
    public void close() {
        closed = true;
        List<Http1Connection> all = new ArrayList<>();
        synchronized (idle) {
            idle.values().forEach(all::addAll);
            idle.clear();
        }
        all.addAll(active);
        all.forEach(Http1Connection::close);
        ScheduledExecutorService w;
        synchronized (this) {
            w = watchdog;
        }
        if (w != null) {
            w.shutdownNow();
        }
    }

    /** Whether the watchdog thread (started for requests with a body or over TLS) has ended, after {@link #close}. */
    boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        ScheduledExecutorService w;
        synchronized (this) {
            w = watchdog;
        }
        return w == null || w.awaitTermination(timeout, unit);
    }

    /** A host as the socket layer takes it: an IPv6 literal without its brackets. */
    static String bare(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static int millisLeft(long deadline) throws SocketTimeoutException {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new SocketTimeoutException("deadline passed");
        }
        return (int) Math.min(Integer.MAX_VALUE, (left + 999_999) / 1_000_000);
    }

    private static Duration since(long start) {
        return HttpHealthProbe.since(start);
    }
}
