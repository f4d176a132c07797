package io.releaseguard.engine.regression;

/**
 * The port to a source of error signals (Prometheus, Sentry). An implementation measures, never judges, and never
 * throws for an unreachable or misbehaving source: it answers {@link Observation.Unavailable} with a reason.
 */
public interface ErrorSignalProvider {
    /** The provider's name in reports ("prometheus", "sentry"). */
    String name();

    /** Measures the signals the query asks for. */
    Observation observe(SignalQuery query);
}
