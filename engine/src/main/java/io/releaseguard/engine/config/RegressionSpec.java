package io.releaseguard.engine.config;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * How error signals after a deploy are compared with the baseline before it. Fewer than {@code minSamples}
 * requests makes the verdict inconclusive, never a pass and never a failure.
 */
public record RegressionSpec(
        Optional<Prometheus> prometheus,
        Optional<Sentry> sentry,
        Duration baseline,
        Duration window,
        Optional<Double> maxErrorRate,
        Optional<Double> maxRatioToBaseline,
        long minSamples) {

    /** PromQL queries returning error and total request counts over a range. */
    public record Prometheus(String url, String errors, String total, Map<String, String> headers) {
        public Prometheus {
            headers = Map.copyOf(headers);
        }
    }

    /** A Sentry organisation and project; the token is a secret reference such as {@code ${env:SENTRY_TOKEN}}. */
    public record Sentry(String url, String organization, String project, String token) {}
}
