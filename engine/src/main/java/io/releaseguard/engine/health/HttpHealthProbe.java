package io.releaseguard.engine.health;

import io.releaseguard.engine.health.ProbeResult.FailureKind;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/**
 * {@link HealthProbe} over one shared {@link HttpClient} (HTTP/1.1, connections reused, redirects not followed so a
 * 302 to a login page is seen as such). The deadline covers the whole exchange including a slow body; bodies are
 * streamed and capped ({@link CappedBody}). Requests use the blocking {@code send}, which costs far less CPU per
 * request than {@code sendAsync().get()}; callers bring their own parallelism. The host name is resolved first under
 * the same deadline (the client's own lookup has none), so an unresolvable host is a FAIL that says so within the
 * timeout. The client's small pool, the resolver and the deadline timer are daemon threads that {@link #close} stops.
 */
public final class HttpHealthProbe implements HealthProbe, AutoCloseable {
    private static final AtomicInteger POOLS = new AtomicInteger();
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final ExecutorService executor;
    private final ExecutorService resolver;
    private final ScheduledExecutorService timer;
    private final HttpClient client;

    public HttpHealthProbe() {
        int pool = POOLS.incrementAndGet();
        AtomicInteger n = new AtomicInteger();
        this.executor =
                Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()), r -> {
                    Thread t = new Thread(r, "release-guard-http-" + pool + "-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        AtomicInteger lookups = new AtomicInteger();
        this.resolver = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "release-guard-http-" + pool + "-dns-" + lookups.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "release-guard-http-" + pool + "-deadline");
            t.setDaemon(true);
            return t;
        });
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor)
                .build();
    }

    /**
     * How many times a GET or HEAD is sent again when a connection closed before any byte of a response arrived: a
     * pooled keep-alive connection the server had just closed (servers close idle or surplus connections at will)
     * must not read as a broken service. Each retry is immediate and within the same deadline; a server that closes
     * every connection still FAILs, after these few quick attempts.
     */
    static final int STALE_CONNECTION_RETRIES = 3;

    @Override
    public ProbeResult probe(ProbeRequest request) {
        long start = System.nanoTime();
        Optional<ProbeResult> unresolved = resolve(request.url().getHost(), request.timeout(), start);
        if (unresolved.isPresent()) {
            return unresolved.get();
        }
        boolean idempotent = request.method().equals("GET") || request.method().equals("HEAD");
        for (int attempt = 0; ; attempt++) {
            ProbeResult r = exchange(request, start);
            boolean closedBeforeAnswer = r instanceof ProbeResult.Failure f
                    && f.kind() == FailureKind.CONNECTION_RESET
                    && f.status().isEmpty();
            if (!closedBeforeAnswer || !idempotent || attempt == STALE_CONNECTION_RETRIES) {
                return r;
            }
        }
    }

    /** One exchange within what is left of the deadline that began at {@code start}. */
    private ProbeResult exchange(ProbeRequest request, long start) {
        CappedBody body = new CappedBody(request.maxBodyBytes());
        // One deadline for the whole probe: what the name lookup (and earlier attempts) used is gone from the rest.
        long left = request.timeout().toNanos() - (System.nanoTime() - start);
        if (left <= 0) {
            return new ProbeResult.Failure(
                    FailureKind.TIMEOUT,
                    "no complete response within " + human(request.timeout()),
                    OptionalInt.empty(),
                    since(start));
        }
        HttpRequest http;
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(request.url()).timeout(Duration.ofNanos(left));
            request.headers().forEach(b::header);
            b.method(
                    request.method(),
                    request.body()
                            .map(HttpRequest.BodyPublishers::ofByteArray)
                            .orElse(HttpRequest.BodyPublishers.noBody()));
            http = b.build();
        } catch (IllegalArgumentException e) {
            return new ProbeResult.Failure(
                    FailureKind.IO, "invalid request: " + e.getMessage(), OptionalInt.empty(), since(start));
        }
        // The request timeout bounds the wait for the headers; the timer stops a body that is still arriving then.
        ScheduledFuture<?> deadline = timer.schedule(body::expire, left, TimeUnit.NANOSECONDS);
        try {
            HttpResponse<byte[]> r = client.send(http, body);
            return new ProbeResult.Response(r.statusCode(), r.headers(), r.body(), since(start));
        } catch (IOException e) {
            if (body.expired()) {
                return failure(
                        FailureKind.TIMEOUT,
                        "no complete response within " + human(request.timeout())
                                + (body.status().isPresent()
                                        ? " (status " + body.status().getAsInt() + ", " + body.received()
                                                + " bytes of body received)"
                                        : ""),
                        body,
                        start);
            }
            return classify(e, body, start, request);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failure(FailureKind.IO, "interrupted", body, start);
        } finally {
            deadline.cancel(false);
        }
    }

    /**
     * Looks the host up within {@code timeout}; empty when it resolved (the JDK caches the answer for the client) or
     * is an address literal.
     */
    private Optional<ProbeResult> resolve(String host, Duration timeout, long start) {
        if (host == null || host.startsWith("[") || IPV4.matcher(host).matches()) {
            return Optional.empty();
        }
        Future<InetAddress[]> lookup;
        try {
            lookup = resolver.submit(() -> InetAddress.getAllByName(host));
        } catch (RejectedExecutionException e) {
            return Optional.of(
                    new ProbeResult.Failure(FailureKind.IO, "probe closed", OptionalInt.empty(), since(start)));
        }
        try {
            lookup.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return Optional.empty();
        } catch (TimeoutException e) {
            lookup.cancel(true);
            return Optional.of(unknownHost("cannot resolve host " + host + " within " + human(timeout), start));
        } catch (ExecutionException e) {
            return Optional.of(unknownHost(cannotResolve(host, e.getCause()), start));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            lookup.cancel(true);
            return Optional.of(
                    new ProbeResult.Failure(FailureKind.IO, "interrupted", OptionalInt.empty(), since(start)));
        }
    }

    private static ProbeResult unknownHost(String detail, long start) {
        return new ProbeResult.Failure(FailureKind.UNKNOWN_HOST, detail, OptionalInt.empty(), since(start));
    }

    /** {@code cannot resolve host NAME (the resolver's reason)}, without the JDK's repetition of the name. */
    private static String cannotResolve(String host, Throwable cause) {
        String reason = cause == null || cause.getMessage() == null ? "" : cause.getMessage();
        if (reason.startsWith(host + ": ")) {
            reason = reason.substring(host.length() + 2);
        }
        return "cannot resolve host " + host + (reason.isBlank() || reason.equals(host) ? "" : " (" + reason + ")");
    }

    private static ProbeResult classify(IOException cause, CappedBody body, long start, ProbeRequest request) {
        Duration timeout = request.timeout();
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof CappedBody.TooLarge) {
                return failure(FailureKind.BODY_TOO_LARGE, t.getMessage(), body, start);
            }
            if (t instanceof HttpTimeoutException) {
                return failure(FailureKind.TIMEOUT, "no complete response within " + human(timeout), body, start);
            }
            if (t instanceof SSLException) {
                return failure(FailureKind.TLS, "TLS error: " + t.getMessage(), body, start);
            }
            if (t instanceof ConnectException) {
                return failure(FailureKind.CONNECTION_REFUSED, "connection refused", body, start);
            }
            if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
                return failure(
                        FailureKind.UNKNOWN_HOST, cannotResolve(request.url().getHost(), t), body, start);
            }
        }
        if (cause instanceof IOException && body.status().isPresent()) {
            return failure(
                    FailureKind.CONNECTION_RESET,
                    "connection closed mid-body after " + body.received() + " bytes (status "
                            + body.status().getAsInt() + "): " + cause.getMessage(),
                    body,
                    start);
        }
        if (cause instanceof IOException) {
            return failure(FailureKind.CONNECTION_RESET, "connection closed: " + cause.getMessage(), body, start);
        }
        return failure(FailureKind.IO, String.valueOf(cause), body, start);
    }

    private static ProbeResult failure(FailureKind kind, String detail, CappedBody body, long start) {
        return new ProbeResult.Failure(kind, detail, body.status(), since(start));
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    static String human(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    /** Stops the client's threads; in-flight requests fail. */
    @Override
    public void close() {
        timer.shutdownNow();
        executor.shutdownNow();
        resolver.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
            executor.awaitTermination(5, TimeUnit.SECONDS);
            resolver.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
