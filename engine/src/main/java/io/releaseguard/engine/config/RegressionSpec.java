package io.releaseguard.engine.config;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * How error signals after a deploy are compared with the baseline before it. Fewer than {@code minSamples}
 * requests (Prometheus) or sessions (Sentry) makes the verdict inconclusive, never a pass and never a failure.
 */
public record RegressionSpec(
        Optional<Prometheus> prometheus,
        Optional<Sentry> sentry,
        Duration baseline,
        Duration window,
        Optional<Double> maxErrorRate,
        Optional<Double> maxRatioToBaseline,
        long minSamples) {

    /**
     * PromQL expressions for the error and total request rates; when they use {@code ${service}} each service is
     * queried on its own.
     */
    public record Prometheus(String url, QueryTemplate errors, QueryTemplate total, Map<String, String> headers) {
        public Prometheus {
            headers = Map.copyOf(headers);
        }
    }

    /**
     * A Sentry organisation and project (a template: {@code ${service}} makes one project per service), the release
     * name as Sentry knows it ({@code ${release}} by default) and optionally the Sentry environment; the token is a
     * secret reference such as {@code ${env:SENTRY_TOKEN}}.
     */
    public record Sentry(
            String url,
            String organization,
            QueryTemplate project,
            QueryTemplate release,
            Optional<QueryTemplate> environment,
            String token) {}
}
