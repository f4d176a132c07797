package io.releaseguard.engine.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One content-verifying health check: a request joined to the environment's endpoint, the statuses that count as
 * up, and assertions on the body. A {@link Severity#WARN} check can degrade a verdict to WARN but never fail it.
 */
public record HealthCheckSpec(
        String name,
        String path,
        String method,
        Map<String, String> headers,
        Optional<String> body,
        List<Integer> expectStatus,
        Duration timeout,
        int retries,
        Severity severity,
        long maxBodyBytes,
        List<JsonAssertion> json,
        Optional<Pattern> bodyMatches) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    public static final long DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

    public HealthCheckSpec {
        headers = Map.copyOf(headers);
        expectStatus = List.copyOf(expectStatus);
        json = List.copyOf(json);
    }

    /** An assertion on the JSON body at an RFC 6901 pointer; {@code equals} may contain {@code ${release}}. */
    public record JsonAssertion(
            String pointer,
            Optional<String> equals,
            Optional<Double> min,
            Optional<Double> max,
            Optional<Boolean> exists,
            Optional<Severity> severity) {}
}
