package io.releaseguard.engine.config;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * How error signals after a deploy are compared with the baseline before it. Fewer than {@code minSamples}
 * requests (Prometheus) or sessions (Sentry) makes the verdict inconclusive, never a pass and never a failure. In a
 * promotion each service is checked {@code soak} after it went live; {@code onInconclusive} says whether an
 * inconclusive check lets the promotion go on (with a warning) or halts it until it is run again.
 */
public record RegressionSpec(
        Optional<Prometheus> prometheus,
        Optional<Sentry> sentry,
        Duration baseline,
        Duration window,
        Optional<Double> maxErrorRate,
        Optional<Double> maxRatioToBaseline,
        long minSamples,
        Duration soak,
        OnInconclusive onInconclusive) {

    /** The soak before a promotion's regression check when none is configured. */
    public static final Duration DEFAULT_SOAK = Duration.ofMinutes(5);

    /** What a promotion does when a service's regression check is INCONCLUSIVE. */
    public enum OnInconclusive {
        /** Go on with the next service; the warning is reported and audited, and the follow-ups judge again. */
        PROCEED,
        /** Halt the promotion (resumable); running it again checks again with the traffic gathered since. */
        BLOCK
    }

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
