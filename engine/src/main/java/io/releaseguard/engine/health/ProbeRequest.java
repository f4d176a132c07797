package io.releaseguard.engine.health;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

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

    /** A plain GET, as used for build info and tenant lists. */
    public static ProbeRequest get(URI url, Map<String, String> headers, Duration timeout, long maxBodyBytes) {
        return new ProbeRequest(url, "GET", headers, Optional.empty(), timeout, maxBodyBytes);
    }
}
