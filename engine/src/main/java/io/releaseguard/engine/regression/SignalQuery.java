package io.releaseguard.engine.regression;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What an {@link ErrorSignalProvider} is asked: error signals of {@code environment} in the baseline window before
 * the deploy ({@code baselineStart..deployAt}) and in the window after it ({@code afterStart..afterEnd}), for the
 * release and services the deploy shipped.
 */
public record SignalQuery(
        String environment,
        Optional<String> release,
        List<String> services,
        Instant baselineStart,
        Instant deployAt,
        Instant afterStart,
        Instant afterEnd) {
    public SignalQuery {
        services = List.copyOf(services);
    }

    public Duration baseline() {
        return Duration.between(baselineStart, deployAt);
    }

    public Duration after() {
        return Duration.between(afterStart, afterEnd);
    }
}
