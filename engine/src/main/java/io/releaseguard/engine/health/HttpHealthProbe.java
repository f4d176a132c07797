package io.releaseguard.engine.health;

import io.releaseguard.engine.health.ProbeResult.FailureKind;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;

/**
 * {@link HealthProbe} over HTTP/1.1 ({@link Http1Client}): connections reused per origin, redirects not followed so
 * a 302 to a login page is seen as such, TLS verified against the JVM's trust store (or the given context) including
 * the host name. The deadline covers the whole exchange: the name lookup, connecting, the TLS handshake, the headers
 * and a slow body. Bodies are capped. Callers bring their own parallelism (the probe blocks the calling thread, which
 * costs far less CPU per request than an asynchronous client). {@link #close} closes pooled connections and stops
 * the lookup threads.
 */
public final class HttpHealthProbe implements HealthProbe, AutoCloseable {
    private static final AtomicInteger POOLS = new AtomicInteger();
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final ExecutorService resolver;
    private final Http1Client client;
    /** Address literals parsed once: a fleet's endpoints are often the same few IPs thousands of times. */
    private final Map<String, InetAddress[]> literals = new ConcurrentHashMap<>();

    /** A probe that trusts what the JVM's default TLS context trusts. */
    public HttpHealthProbe() {
        this(HttpHealthProbe::defaultTls);
    }

    /** A probe whose TLS connections trust what {@code tls} trusts (a private CA, a test's own certificate). */
    public HttpHealthProbe(SSLContext tls) {
        this(tls::getSocketFactory);
    }

    private HttpHealthProbe(Supplier<SSLSocketFactory> tls) {
        int pool = POOLS.incrementAndGet();
        AtomicInteger lookups = new AtomicInteger();
        this.resolver = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "release-guard-http-" + pool + "-dns-" + lookups.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.client = new Http1Client(memoized(tls), "release-guard-http-" + pool);
    }

    @Override
    public ProbeResult probe(ProbeRequest request) {
        long start = System.nanoTime();
        long deadline = start + request.timeout().toNanos();
        String host = request.url().getHost();
        if (host == null) {
            return ProbeResult.Failure.beforeResponse(
                    FailureKind.IO, "invalid request: URL without a host", since(start));
        }
        Lookup lookup = resolve(host, request.timeout(), start);
        if (lookup.failure() != null) {
            return lookup.failure();
        }
        return client.send(request, lookup.addresses(), start, deadline);
    }

    /** The addresses of a host, or why there are none; an unresolved name fails within {@code timeout}. */
    private record Lookup(InetAddress[] addresses, ProbeResult failure) {}

    private Lookup resolve(String host, Duration timeout, long start) {
        InetAddress[] literal = literals.get(host);
        if (literal != null) {
            return new Lookup(literal, null);
        }
        if (host.startsWith("[") || IPV4.matcher(host).matches()) {
            try {
                // An address literal: parsed, never looked up.
                InetAddress[] parsed = {InetAddress.getByName(Http1Client.bare(host))};
                literals.put(host, parsed);
                return new Lookup(parsed, null);
            } catch (UnknownHostException e) {
                return new Lookup(null, unknownHost(cannotResolve(host, e), start));
            }
        }
        Future<InetAddress[]> lookup;
        try {
            lookup = resolver.submit(() -> InetAddress.getAllByName(host));
        } catch (RejectedExecutionException e) {
            return new Lookup(null, ProbeResult.Failure.beforeResponse(FailureKind.IO, "probe closed", since(start)));
        }
        try {
            return new Lookup(lookup.get(timeout.toNanos(), TimeUnit.NANOSECONDS), null);
        } catch (TimeoutException e) {
            lookup.cancel(true);
            return new Lookup(null, unknownHost("cannot resolve host " + host + " within " + human(timeout), start));
        } catch (ExecutionException e) {
            return new Lookup(null, unknownHost(cannotResolve(host, e.getCause()), start));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            lookup.cancel(true);
            return new Lookup(null, ProbeResult.Failure.beforeResponse(FailureKind.IO, "interrupted", since(start)));
        }
    }

    private static ProbeResult unknownHost(String detail, long start) {
        return ProbeResult.Failure.beforeResponse(FailureKind.UNKNOWN_HOST, detail, since(start));
    }

    /** {@code cannot resolve host NAME (the resolver's reason)}, without the JDK's repetition of the name. */
    private static String cannotResolve(String host, Throwable cause) {
        String reason = cause == null || cause.getMessage() == null ? "" : cause.getMessage();
        if (reason.startsWith(host + ": ")) {
            reason = reason.substring(host.length() + 2);
        }
        return "cannot resolve host " + host + (reason.isBlank() || reason.equals(host) ? "" : " (" + reason + ")");
    }

    private static SSLSocketFactory defaultTls() {
        try {
            return SSLContext.getDefault().getSocketFactory();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no default TLS context", e);
        }
    }

    /** TLS is set up the first time an https URL is probed: a plain-HTTP run never pays for it. */
    private static Supplier<SSLSocketFactory> memoized(Supplier<SSLSocketFactory> tls) {
        return new Supplier<>() {
            private SSLSocketFactory factory;

            @Override
            public synchronized SSLSocketFactory get() {
                if (factory == null) {
                    factory = tls.get();
                }
                return factory;
            }
        };
    }

    static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    static String human(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    /** Closes pooled and in-flight connections (requests under way fail) and stops the probe's threads. */
    @Override
    public void close() {
        client.close();
        resolver.shutdownNow();
        try {
            client.awaitTermination(5, TimeUnit.SECONDS);
            resolver.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
