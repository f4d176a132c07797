package io.releaseguard.engine.testing;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Answers one exchange of a loopback test server: status, headers, the body (none when empty), then closes it. */
public final class Replies {
    private Replies() {}

    public static void reply(HttpExchange ex, int status, Map<String, String> headers, byte[] body) throws IOException {
        headers.forEach((k, v) -> ex.getResponseHeaders().set(k, v));
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            ex.getResponseBody().write(body);
        }
        ex.close();
    }

    public static void json(HttpExchange ex, int status, String body) throws IOException {
        reply(ex, status, Map.of("Content-Type", "application/json"), body.getBytes(StandardCharsets.UTF_8));
    }
}
