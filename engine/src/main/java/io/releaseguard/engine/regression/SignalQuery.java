package io.releaseguard.engine.regression;

import io.releaseguard.engine.config.QueryTemplate.Placeholder;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an {@link ErrorSignalProvider} is asked: error signals of {@code environment} in the baseline window before
 * the deploy ({@code baselineStart..deployAt}) and in the window after it ({@code afterStart..afterEnd}), for the
 * release and services the deploy shipped; {@code service} is set when a per-service provider is asked about one.
 * The baseline measures what ran before: {@code baselineRelease}, the release that was live then, when known.
 */
public record SignalQuery(
        String environment,
        Optional<String> release,
        Optional<String> baselineRelease,
        List<String> services,
        Optional<String> service,
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

    /** This query about one service. */
    public SignalQuery forService(String name) {
        return new SignalQuery(
                environment,
                release,
                baselineRelease,
                services,
                Optional.of(name),
                baselineStart,
                deployAt,
                afterStart,
                afterEnd);
    }

    /**
     * The placeholder values of a window. {@code ${release}} is the deployed release after the deploy and, in the
     * baseline, the release live before it (the deployed one when none is known: a first deploy has no baseline).
     */
    public Map<Placeholder, String> values(boolean baselineWindow) {
        Map<Placeholder, String> v = new EnumMap<>(Placeholder.class);
        v.put(Placeholder.ENVIRONMENT, environment);
        service.ifPresent(s -> v.put(Placeholder.SERVICE, s));
        (baselineWindow ? baselineRelease.or(() -> release) : release).ifPresent(r -> v.put(Placeholder.RELEASE, r));
        return v;
    }
}
