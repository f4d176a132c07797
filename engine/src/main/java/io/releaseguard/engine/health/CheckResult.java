package io.releaseguard.engine.health;

import io.releaseguard.engine.config.Severity;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The outcome of one check against one service (or one tenant of a fleet). {@code url} is safe to show: secrets are
 * masked; {@code status} is empty when no response arrived.
 */
public record CheckResult(
        String service,
        Optional<String> tenant,
        String check,
        String url,
        Verdict verdict,
        Severity severity,
        OptionalInt status,
        long latencyMs,
        String message) {}
