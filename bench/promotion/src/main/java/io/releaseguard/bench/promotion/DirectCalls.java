package io.releaseguard.bench.promotion;

import io.releaseguard.engine.fleet.Batch;
import io.releaseguard.engine.health.HealthGate;
import io.releaseguard.engine.health.HttpHealthProbe;
import io.releaseguard.engine.health.ProbeRequest;
import io.releaseguard.engine.health.ProbeResult;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The tenants' own latency as a promotion sees it: the promotion's HTTP calls issued directly, in its shape and
 * with its clients, and nothing else. Deploys go one by one in batch order; after each wave its tenants' health
 * endpoints are read {@link HealthGate#DEFAULT_CONCURRENCY} at a time, and at the end every tenant's once more.
 */
final class DirectCalls implements AutoCloseable {
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final HttpHealthProbe probe = new HttpHealthProbe();
    private final ExecutorService pool = Executors.newFixedThreadPool(HealthGate.DEFAULT_CONCURRENCY, r -> {
        Thread t = new Thread(r, "direct-health");
        t.setDaemon(true);
        return t;
    });

    /** Wall nanoseconds for deploying {@code release} wave by wave with health after each, then all. */
    long replay(String base, List<Batch> batches, String release) throws IOException, InterruptedException {
        long start = System.nanoTime();
        List<String> all = new ArrayList<>();
        for (Batch b : batches) {
            for (String tenant : b.tenants()) {
                deploy(base, tenant, release);
            }
            health(base, b.tenants());
            all.addAll(b.tenants());
        }
        health(base, all);
        return System.nanoTime() - start;
    }

    private void deploy(String base, String tenant, String release) throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(URI.create(base + "/deploy/" + tenant))
                .timeout(Duration.ofMinutes(2))
                .header("Idempotency-Key", "direct/" + tenant + "/" + release)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"target_tag\":\"" + release + "\"}", StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("direct deploy to " + tenant + ": HTTP " + r.statusCode());
        }
    }

    private void health(String base, List<String> tenants) throws IOException, InterruptedException {
        List<Callable<ProbeResult>> calls = new ArrayList<>();
        for (String t : tenants) {
            ProbeRequest req = ProbeRequest.get(
                    URI.create(base + "/t/" + t + "/health"), Map.of(), Duration.ofSeconds(5), 1 << 20);
            calls.add(() -> probe.probe(req));
        }
        for (Future<ProbeResult> f : pool.invokeAll(calls)) {
            try {
                if (!(f.get() instanceof ProbeResult.Response resp) || resp.status() != 200) {
                    throw new IOException("direct health check failed: " + f.get());
                }
            } catch (ExecutionException e) {
                throw new IOException("direct health check failed", e.getCause());
            }
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
        probe.close();
    }
}
