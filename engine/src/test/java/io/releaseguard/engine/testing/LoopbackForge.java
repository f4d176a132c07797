package io.releaseguard.engine.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.releaseguard.engine.JsonReports;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A loopback HTTP server standing in for GitHub or Gitea's "create pull request" endpoint: it records each request
 * and answers 201 with {@code number} and {@code html_url} when the body has the documented required fields (title,
 * head, base as strings), 422 otherwise, as both forges do. A GET (a commit's combined status) is answered with what
 * {@link #answerGets} set, by default 200 and no statuses, or per request (say, one page of a list) by a function.
 */
public final class LoopbackForge implements AutoCloseable {
    /** One request as received. */
    public record Seen(String method, String path, String query, Map<String, String> headers, JsonNode body) {}

    /** The answer to one GET. */
    public record Answer(int status, Map<String, String> headers, String body) {}

    private final HttpServer server;
    private final List<Seen> seen = new ArrayList<>();
    private volatile Function<Seen, Answer> gets =
            request -> new Answer(200, Map.of(), "{\"state\": \"pending\", \"statuses\": []}");

    public LoopbackForge() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, String.join(",", v)));
            JsonNode body =
                    JsonReports.MAPPER.readTree(exchange.getRequestBody().readAllBytes());
            Seen request = new Seen(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(),
                    java.util.Objects.toString(exchange.getRequestURI().getQuery(), ""),
                    headers,
                    body);
            synchronized (seen) {
                seen.add(request);
            }
            if (exchange.getRequestMethod().equals("GET")) {
                Answer a = gets.apply(request);
                byte[] answer = a.body().getBytes(StandardCharsets.UTF_8);
                a.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
                exchange.sendResponseHeaders(a.status(), answer.length);
                exchange.getResponseBody().write(answer);
                exchange.close();
                return;
            }
            boolean wellFormed = exchange.getRequestMethod().equals("POST")
                    && body.path("title").isTextual()
                    && body.path("head").isTextual()
                    && body.path("base").isTextual();
            byte[] answer = (wellFormed
                            ? "{\"number\": 42, \"html_url\": \"https://forge.example.org/acme/ledger/pull/42\"}"
                            : "{\"message\": \"Validation Failed\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(wellFormed ? 201 : 422, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    /** From now on every GET is answered with {@code status} and {@code body}. */
    public void answerGets(int status, String body) {
        gets = request -> new Answer(status, Map.of(), body);
    }

    /** From now on each GET is answered as {@code answers} says for it. */
    public void answerGets(Function<Seen, Answer> answers) {
        gets = answers;
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<Seen> seen() {
        synchronized (seen) {
            return List.copyOf(seen);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
