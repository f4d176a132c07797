package io.releaseguard.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.releaseguard.engine.JsonReports;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The little HTTP plumbing the demo servers share: JSON answers, JSON request bodies, query parameters. */
final class Exchanges {
    private Exchanges() {}

    /** A handler that answers 500 with the error instead of letting the JDK drop the connection silently. */
    static HttpHandler guarded(HttpHandler handler) {
        return exchange -> {
            try {
                handler.handle(exchange);
            } catch (RuntimeException | IOException e) {
                answer(exchange, 500, Map.of("error", String.valueOf(e)));
            }
        };
    }

    /** Sends {@code body} as JSON with {@code status} and ends the exchange (headers only for HEAD). */
    static void answer(HttpExchange exchange, int status, Object body) throws IOException {
        try (exchange) {
            byte[] bytes = JsonReports.MAPPER.writeValueAsBytes(body);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            boolean head = exchange.getRequestMethod().equals("HEAD");
            exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
            if (!head) {
                exchange.getResponseBody().write(bytes);
            }
        }
    }

    /** An error answer: {@code {"error": message}}. */
    static void error(HttpExchange exchange, int status, String message) throws IOException {
        answer(exchange, status, Map.of("error", message));
    }

    /** The request body as JSON, or a missing node when there is none or it is not JSON. */
    static JsonNode jsonBody(HttpExchange exchange) throws IOException {
        byte[] bytes = exchange.getRequestBody().readAllBytes();
        if (bytes.length == 0) {
            return MissingNode.getInstance();
        }
        try {
            return JsonReports.MAPPER.readTree(bytes);
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }

    /** One query parameter, decoded. */
    static Optional<String> query(HttpExchange exchange, String name) {
        String raw = exchange.getRequestURI().getRawQuery();
        Map<String, String> params = new LinkedHashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String key = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : pair.substring(eq + 1);
                params.putIfAbsent(
                        URLDecoder.decode(key, StandardCharsets.UTF_8),
                        URLDecoder.decode(value, StandardCharsets.UTF_8));
            }
        }
        return Optional.ofNullable(params.get(name));
    }

    /** A text field of a JSON body, when it is present and a string. */
    static Optional<String> text(JsonNode body, String field) {
        JsonNode n = body.path(field);
        return n.isTextual() ? Optional.of(n.asText()) : Optional.empty();
    }
}
