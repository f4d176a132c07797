package io.releaseguard.engine.health;

/**
 * The port through which the engine makes every outbound HTTP request: health checks, deploys, webhooks, the kill
 * switch, forge and registry calls, regression providers and calendar fetches ({@link HttpHealthProbe} is the one
 * client behind it). An implementation must honour the request's deadline for
 * the whole exchange, read at most {@code maxBodyBytes}, never throw for a network failure (it returns a {@link
 * ProbeResult.Failure}) and be safe to call from many threads at once.
 */
public interface HealthProbe {
    /** Performs the request once (retries are the caller's decision). */
    ProbeResult probe(ProbeRequest request);
}
