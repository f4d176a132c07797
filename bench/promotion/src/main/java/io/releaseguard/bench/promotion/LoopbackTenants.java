package io.releaseguard.bench.promotion;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * A fleet of tenants on one loopback server, as cheap as a server can answer: {@code GET /tenants}, {@code POST
 * /deploy/<tenant>} (body {@code {"target_tag": ...}}) and {@code GET /t/<tenant>/health}. One (tenant, release)
 * pair can be marked broken; the instant its first failing answer is written and the instant the first deploy of
 * the rollback release arrives afterwards are recorded (same JVM, {@link System#nanoTime}), as is the total time the
 * handlers spent on deploy and health requests.
 */
final class LoopbackTenants implements AutoCloseable {
    private static final long UNSET = Long.MIN_VALUE;
    private static final Pattern TARGET_TAG = Pattern.compile("\"target_tag\"\\s*:\\s*\"([^\"]+)\"");

    private final HttpServer server;
    private final ExecutorService handlers;
    private final List<String> tenants;
    private final Map<String, String> versions = new ConcurrentHashMap<>();
    private final byte[] tenantList;
    private final AtomicLong handlingNanos = new AtomicLong();
    private final AtomicLong failServedAt = new AtomicLong(UNSET);
    private final AtomicLong rollbackDeployAt = new AtomicLong(UNSET);
    private volatile String brokenTenant = "";
    private volatile String brokenRelease = "";
    private volatile String rollbackRelease = "";

    LoopbackTenants(int count, int threads) throws IOException {
        // Without TCP_NODELAY every kept-alive answer can stall 40 ms on delayed ACKs (read once per JVM).
        System.setProperty("sun.net.httpserver.nodelay", "true");
        int width = String.valueOf(count).length();
        tenants = IntStream.rangeClosed(1, count)
                .mapToObj(i -> "t" + String.format("%0" + width + "d", i))
                .toList();
        handlers = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "tenants-http");
            t.setDaemon(true);
            return t;
        });
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        server.setExecutor(handlers);
        server.createContext("/", this::handle);
        server.start();
        StringBuilder sb = new StringBuilder("[");
        for (String t : tenants) {
            sb.append(sb.length() > 1 ? "," : "")
                    .append("{\"name\":\"")
                    .append(t)
                    .append("\",\"url\":\"")
                    .append(base())
                    .append("/t/")
                    .append(t)
                    .append("\"}");
        }
        tenantList = sb.append(']').toString().getBytes(StandardCharsets.UTF_8);
    }

    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<String> tenants() {
        return tenants;
    }

    /** Puts every tenant on {@code release}, clears the breakage and the recorded instants. */
    void reset(String release) {
        tenants.forEach(t -> versions.put(t, release));
        brokenTenant = "";
        brokenRelease = "";
        rollbackRelease = "";
        handlingNanos.set(0);
        failServedAt.set(UNSET);
        rollbackDeployAt.set(UNSET);
    }

    /** {@code tenant} answers "broken" while it runs {@code release}; a later deploy of {@code previous} is noted. */
    void breakOn(String tenant, String release, String previous) {
        brokenTenant = tenant;
        brokenRelease = release;
        rollbackRelease = previous;
    }

    String versionOf(String tenant) {
        return versions.get(tenant);
    }

    long handlingNanos() {
        return handlingNanos.get();
    }

    /** {@link System#nanoTime} when the first failing health answer was written, or empty. */
    OptionalLong failServedAt() {
        long v = failServedAt.get();
        return v == UNSET ? OptionalLong.empty() : OptionalLong.of(v);
    }

    /** {@link System#nanoTime} when the first deploy of the rollback release arrived after the failure, or empty. */
    OptionalLong rollbackDeployAt() {
        long v = rollbackDeployAt.get();
        return v == UNSET ? OptionalLong.empty() : OptionalLong.of(v);
    }

    private void handle(HttpExchange ex) throws IOException {
        long start = System.nanoTime();
        String path = ex.getRequestURI().getPath();
        try {
            if (path.equals("/tenants")) {
                send(ex, 200, tenantList);
            } else if (path.startsWith("/deploy/")) {
                String tenant = path.substring("/deploy/".length());
                String release = targetTag(ex);
                if (release.equals(rollbackRelease) && failServedAt.get() != UNSET) {
                    rollbackDeployAt.compareAndSet(UNSET, start);
                }
                boolean known = versions.replace(tenant, release) != null;
                send(ex, known ? 200 : 404, "{\"applied\":" + known + "}");
                handlingNanos.addAndGet(System.nanoTime() - start);
            } else if (path.startsWith("/t/") && path.endsWith("/health")) {
                String tenant = path.substring(3, path.length() - "/health".length());
                String v = versions.get(tenant);
                boolean bad = tenant.equals(brokenTenant) && brokenRelease.equals(v);
                send(ex, 200, "{\"status\":\"" + (bad ? "broken" : "ok") + "\",\"version\":\"" + v + "\"}");
                if (bad) {
                    failServedAt.compareAndSet(UNSET, System.nanoTime());
                }
                handlingNanos.addAndGet(System.nanoTime() - start);
            } else {
                send(ex, 404, "{}");
            }
        } catch (IOException | RuntimeException e) {
            send(ex, 500, "{}");
        } finally {
            ex.close();
        }
    }

    /** The deploy body is the policy's template, {@code {"target_tag":"<release>"}}; no JSON library needed. */
    private static String targetTag(HttpExchange ex) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Matcher m = TARGET_TAG.matcher(body);
        if (!m.find()) {
            throw new IOException("no target_tag in " + body);
        }
        return m.group(1);
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        send(ex, status, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange ex, int status, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, body.length);
        ex.getResponseBody().write(body);
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
    }
}
