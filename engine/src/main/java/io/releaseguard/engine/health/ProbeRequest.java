package io.releaseguard.engine.health;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One HTTP request a {@link HealthProbe} makes, with secrets already resolved. {@code timeout} is a deadline for the
 * whole exchange (connect, headers and body); at most {@code maxBodyBytes} of the body are read. The request body is
 * sent byte for byte (a registry manifest must arrive exactly as it was read).
 */
public record ProbeRequest(
        URI url,
        String method,
        Map<String, String> headers,
        Optional<byte[]> body,
        Duration timeout,
        long maxBodyBytes) {
    public ProbeRequest {
        headers = Map.copyOf(headers);
    }

    /**
     * The position of the first character that cannot go into header {@code value} (CR, LF, NUL, or above
     * ISO-8859-1), which would end the header early and let the rest of the value forge headers of its own; empty
     * when the value is fit to send. The client refuses such a request before connecting, and a promotion checks its
     * resolved headers with this before it changes anything.
     */
    public static OptionalInt invalidHeaderCharacter(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c == 0 || c > 0xFF) {
                return OptionalInt.of(i);
            }
        }
        return OptionalInt.empty();
    }

    /** A plain GET, as used for build info and tenant lists. */
    public static ProbeRequest get(URI url, Map<String, String> headers, Duration timeout, long maxBodyBytes) {
        return new ProbeRequest(url, "GET", headers, Optional.empty(), timeout, maxBodyBytes);
    }
}
