package io.releaseguard.engine.promotion;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.releaseguard.engine.JsonReports;
import io.releaseguard.engine.testing.Replies;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * A tiny loopback world for promotion tests: one plain service and one fleet of tenants on one HTTP server, a deploy
 * endpoint that honours Idempotency-Key, releases that can be marked broken (their /health says so), a Prometheus
 * range-query endpoint whose per-service error and request rates follow the release each service runs, and a
 * webhook receiver.
 */
final class LoopbackFleet implements AutoCloseable {
    final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    final Map<String, String> versions = new ConcurrentHashMap<>();
    final Set<String> broken = ConcurrentHashMap.newKeySet();
    final Set<String> brokenOnTenants = ConcurrentHashMap.newKeySet();
    final AtomicInteger deployRequests = new AtomicInteger();
    final Map<String, AtomicInteger> applied = new ConcurrentHashMap<>();
    final Set<String> keys = ConcurrentHashMap.newKeySet();
    /** Bodies posted to {@code /hook} (a webhook receiver). */
    final List<JsonNode> hooks = new java.util.concurrent.CopyOnWriteArrayList<>();

    final List<String> tenants;
    /** Releases that answer 20% of requests with errors, and releases that get almost no traffic. */
    final Set<String> erroring = ConcurrentHashMap.newKeySet();

    final Set<String> quiet = ConcurrentHashMap.newKeySet();
    /** Each range query received: PromQL, start and end (epoch seconds). */
    final List<String[]> rangeQueries = new CopyOnWriteArrayList<>();

    LoopbackFleet(int tenantCount, String initial) throws IOException {
        this(
                IntStream.range(0, tenantCount)
                        .mapToObj(i -> String.format("t%02d", i))
                        .toList(),
                initial);
    }

    /** A world whose tenants URL lists exactly {@code tenantNames}, whatever they are (hostile names included). */
    LoopbackFleet(List<String> tenantNames, String initial) throws IOException {
        tenants = List.copyOf(tenantNames);
        versions.put("api", initial);
        tenants.forEach(t -> versions.put(t, initial));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    static String sha(String release) {
        return release.startsWith("sha-") ? release.substring(4) : "0000000";
    }

    /**
     * Waits until at least {@code n} deploy requests arrived (woken by each request); false when {@code gone} says
     * the sender is gone first, or on timeout.
     */
    boolean awaitDeployRequests(int n, java.time.Duration timeout, java.util.function.BooleanSupplier gone)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (deployRequests) {
            while (deployRequests.get() < n) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || gone.getAsBoolean()) {
                    return false;
                }
                deployRequests.wait(Math.max(1, Math.min(50, left / 1_000_000)));
            }
            return true;
        }
    }

    int appliedCount(String target, String release) {
        return applied.getOrDefault(target + "@" + release, new AtomicInteger()).get();
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String[] p = path.split("/");
        try {
            if (path.equals("/tenants")) {
                List<Map<String, String>> list = tenants.stream()
                        .map(t -> Map.of("name", t, "url", base() + "/t/" + t))
                        .toList();
                send(ex, 200, JsonReports.MAPPER.writeValueAsString(list));
            } else if (path.equals("/api/v1/query_range")) {
                send(ex, 200, rangeQuery(ex.getRequestURI().getRawQuery()));
            } else if (path.equals("/hook")) {
                hooks.add(JsonReports.MAPPER.readTree(ex.getRequestBody().readAllBytes()));
                send(ex, 200, "{}");
            } else if (path.startsWith("/deploy/")) {
                JsonNode body = JsonReports.MAPPER.readTree(ex.getRequestBody().readAllBytes());
                String target = p.length > 3 ? p[3] : p[2];
                String release = body.get("target_tag").asText();
                deployRequests.incrementAndGet();
                synchronized (deployRequests) {
                    deployRequests.notifyAll();
                }
                if (keys.add(ex.getRequestHeaders().getFirst("Idempotency-Key"))) {
                    versions.put(target, release);
                    applied.computeIfAbsent(target + "@" + release, k -> new AtomicInteger())
                            .incrementAndGet();
                    send(ex, 200, "{\"applied\":true}");
                } else {
                    send(ex, 200, "{\"duplicate\":true}");
                }
            } else if (p.length >= 4 && (p[1].equals("t") || p[1].equals("svc"))) {
                String v = versions.get(p[2]);
                if (p[3].equals("buildinfo")) {
                    send(ex, 200, "{\"git_sha\":\"" + sha(v) + "\"}");
                } else {
                    boolean bad = broken.contains(v) || (p[1].equals("t") && brokenOnTenants.contains(v));
                    send(ex, 200, "{\"status\":\"" + (bad ? "broken" : "ok") + "\",\"version\":\"" + v + "\"}");
                }
            } else {
                send(ex, 404, "{}");
            }
        } catch (RuntimeException e) {
            send(ex, 500, "{}");
        }
    }

    /**
     * Answers {@code errors{service="S"}} and {@code total{service="S"}} with a constant rate over the range: 10
     * requests a second (0.01 for a quiet release), 0.1% of them errors (20% for an erroring release); a fleet counts
     * as running a release when any tenant runs it.
     */
    private String rangeQuery(String raw) {
        Map<String, String> q = new java.util.HashMap<>();
        for (String kv : raw.split("&")) {
            String[] pair = kv.split("=", 2);
            q.put(pair[0], java.net.URLDecoder.decode(pair[1], StandardCharsets.UTF_8));
        }
        String query = q.get("query");
        rangeQueries.add(new String[] {query, q.get("start"), q.get("end")});
        String service = query.replaceAll(".*service=\"([^\"]*)\".*", "$1");
        Set<String> running = service.equals("api")
                ? Set.of(versions.get("api"))
                : tenants.stream().map(versions::get).collect(java.util.stream.Collectors.toSet());
        double total = running.stream().anyMatch(quiet::contains) ? 0.01 : 10.0;
        double rate = query.startsWith("errors")
                ? total * (running.stream().anyMatch(erroring::contains) ? 0.2 : 0.001)
                : total;
        StringBuilder values = new StringBuilder();
        long step = Long.parseLong(q.get("step"));
        for (long t = Long.parseLong(q.get("start")); t <= Long.parseLong(q.get("end")); t += step) {
            values.append(values.length() == 0 ? "" : ",")
                    .append("[")
                    .append(t)
                    .append(",\"")
                    .append(rate)
                    .append("\"]");
        }
        return "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[{\"metric\":{},\"values\":["
                + values + "]}]}}";
    }

    static void send(HttpExchange ex, int status, String body) throws IOException {
        Replies.json(ex, status, body);
    }

    /** A policy for this world: testnet and mainnet (2-of approvals on mainnet), api then the ledger fleet. */
    String policy() {
        return """
                version: 1
                groups: { leads: [alice, bob, carol] }
                environments:
                  - name: testnet
                  - name: mainnet
                    approvals: { required: 1, reviewers: [group:leads] }
                    killSwitch: { env: KILL }
                services:
                  - name: api
                    endpoints: { testnet: "%1$s/svc/api", mainnet: "%1$s/svc/api" }
                    health:
                      - name: ready
                        path: /health
                        json:
                          - { pointer: /status, equals: ok }
                          - { pointer: /version, equals: "${release}" }
                    deploy:
                      http: { url: "%1$s/deploy/api", body: '{"target_tag":"{release}"}' }
                  - name: ledger
                    tenantsUrl: { testnet: "%1$s/tenants", mainnet: "%1$s/tenants" }
                    buildinfo: { path: /buildinfo, pointer: /git_sha }
                    fleet: { canary: 1, canarySoak: 1m, batchSize: 2, soakBetweenBatches: 30s }
                    health:
                      - name: ready
                        path: /health
                        json:
                          - { pointer: /status, equals: ok }
                    deploy:
                      http: { url: "%1$s/deploy/ledger/{tenant}", body: '{"target_tag":"{release}"}' }
                """
                .formatted(base());
    }

    /** {@link #policy()} with a regression watch on testnet, queried per service. */
    String policyWithRegression(String onInconclusive) {
        return policy().replace(
                        "  - name: testnet\n",
                        """
                          - name: testnet
                            regression:
                              prometheus:
                                url: "%s"
                                errors: 'errors{service="${service}"}'
                                total: 'total{service="${service}"}'
                              window: 15m
                              maxErrorRate: 0.05
                              minSamples: 100
                              soak: 5m
                              onInconclusive: %s
                        """
                                .formatted(base(), onInconclusive));
    }

    /**
     * {@link #policy()} with each service's image in {@code team/} ({@code team/api}, {@code team/ledger}), a registry
     * at {@code registryUrl} and, when given, testnet's {@code retag} list.
     */
    String policyWithImages(String team, String registryUrl, java.util.Optional<String> testnetRetag) {
        return policy().replace(
                                "  - name: testnet\n",
                                "  - name: testnet\n"
                                        + testnetRetag
                                                .map(r -> "    retag: " + r + "\n")
                                                .orElse(""))
                        .replace("  - name: api\n", "  - name: api\n    image: " + team + "/api\n")
                        .replace("  - name: ledger\n", "  - name: ledger\n    image: " + team + "/ledger\n")
                + "registry: { url: \"" + registryUrl + "\", timeout: 10s }\n";
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
