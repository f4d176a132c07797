package io.releaseguard.engine.health;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The bytes of an HTTP/1.1 request head for a {@link ProbeRequest}. Names and values are checked so a header can
 * never split the request (no CR, LF or NUL; names are RFC 9110 tokens), and the headers that frame the message are
 * the client's alone: a caller cannot set Host, Content-Length, Transfer-Encoding, Connection and the like.
 */
final class Http1Request {
    private static final Set<String> FRAMING = Set.of(
            "connection",
            "content-length",
            "expect",
            "host",
            "keep-alive",
            "proxy-connection",
            "te",
            "trailer",
            "transfer-encoding",
            "upgrade");
    private static final Set<String> WITH_CONTENT = Set.of("POST", "PUT", "PATCH");
    private static final String USER_AGENT = "release-guard";

    private Http1Request() {}

    /** The request line and headers; {@code host} is the Host header's value. */
    static byte[] head(ProbeRequest request, String host) {
        URI url = request.url();
        String method = request.method();
        if (!isToken(method)) {
            throw new IllegalArgumentException("invalid method '" + method + "'");
        }
        String path = url.getRawPath();
        if (path == null) {
            throw new IllegalArgumentException("not a hierarchical URL");
        }
        StringBuilder b = new StringBuilder(160);
        b.append(method).append(' ').append(path.isEmpty() ? "/" : path);
        if (url.getRawQuery() != null) {
            b.append('?').append(url.getRawQuery());
        }
        b.append(" HTTP/1.1\r\nHost: ").append(host).append("\r\n");
        boolean agent = false;
        for (Map.Entry<String, String> h : request.headers().entrySet()) {
            String name = h.getKey();
            if (!isToken(name)) {
                throw new IllegalArgumentException("invalid header name '" + name + "'");
            }
            String lower = name.toLowerCase(Locale.ROOT);
            if (FRAMING.contains(lower)) {
                throw new IllegalArgumentException("header " + name + " is set by the client");
            }
            checkValue(name, h.getValue());
            agent |= lower.equals("user-agent");
            b.append(name).append(": ").append(h.getValue()).append("\r\n");
        }
        if (!agent) {
            b.append("User-Agent: ").append(USER_AGENT).append("\r\n");
        }
        int length = request.body().map(body -> body.length).orElse(0);
        if (length > 0 || WITH_CONTENT.contains(method)) {
            b.append("Content-Length: ").append(length).append("\r\n");
        }
        return b.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Values go on the wire as ISO-8859-1; a line break or NUL would end the header early. */
    private static void checkValue(String name, String value) {
        OptionalInt bad = ProbeRequest.invalidHeaderCharacter(value);
        if (bad.isPresent()) {
            // The value may be a secret: name the header and the position, never the value.
            throw new IllegalArgumentException(
                    "header " + name + " has an invalid character at position " + bad.getAsInt());
        }
    }

    /** An RFC 9110 token: visible ASCII except separators. */
    static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= 32 || c >= 127 || "\"(),/:;<=>?@[\\]{}".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }
}
