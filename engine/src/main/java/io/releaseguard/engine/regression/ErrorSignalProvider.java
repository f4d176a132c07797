package io.releaseguard.engine.regression;

/**
 * The port to a source of error signals (Prometheus, Sentry). An implementation measures, never judges, and never
 * throws for an unreachable or misbehaving source: it answers {@link Observation.Unavailable} with a reason. A
 * provider whose queries use {@code ${service}} is asked once per service, so its verdicts name the service.
 */
public interface ErrorSignalProvider {
    /** The provider's name in reports ("prometheus", "sentry"). */
    String name();

    /** Measures the signals the query asks for. */
    Observation observe(SignalQuery query);

    /** True when the queries are scoped per service ({@code ${service}}): ask once per service. */
    default boolean perService() {
        return false;
    }

    /** True when the queries cannot be formed without the release ({@code ${release}} in PromQL). */
    default boolean needsRelease() {
        return false;
    }
}
