package io.releaseguard.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.releaseguard.engine.JsonReports;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A test's HTTP client for the demo world: real requests over loopback, JSON answers parsed. */
final class LoopbackClient {
    /** One answer: status and body as JSON. */
    record Answer(int status, JsonNode json) {}

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    Answer get(String url) throws IOException, InterruptedException {
        return get(url, Duration.ofSeconds(10));
    }

    Answer get(String url, Duration timeout) throws IOException, InterruptedException {
        return send(
                HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET().build());
    }

    /** POSTs {@code body}, with an {@code Idempotency-Key} header unless {@code key} is null. */
    Answer post(String url, String key, String body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            b.header("Idempotency-Key", key);
        }
        return send(b.build());
    }

    private Answer send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), JsonReports.MAPPER.readTree(r.body()));
    }
}
