package io.releaseguard.engine.regression;

import io.releaseguard.engine.health.Verdict;
import java.util.Objects;
import java.util.Optional;

/**
 * One provider's verdict on a deploy, for one service when the provider's queries are scoped per service (empty when
 * they cover the whole environment), with the message that shows observed values against the limits.
 */
public record SignalResult(String provider, Optional<String> service, Verdict verdict, String message) {
    public SignalResult {
        Objects.requireNonNull(provider, "provider");
        service = service == null ? Optional.empty() : service;
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(message, "message");
    }

    /** {@code provider} or {@code provider/service}, as reports label a signal. */
    public String label() {
        return provider + service.map(s -> "/" + s).orElse("");
    }
}
