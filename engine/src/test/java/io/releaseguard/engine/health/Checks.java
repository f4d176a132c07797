package io.releaseguard.engine.health;

import io.releaseguard.engine.config.HealthCheckSpec;
import io.releaseguard.engine.config.HealthCheckSpec.JsonAssertion;
import io.releaseguard.engine.config.Severity;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builders for check specs in tests. */
final class Checks {
    private Checks() {}

    static HealthCheckSpec check(Duration timeout, long maxBody, List<JsonAssertion> json) {
        return new HealthCheckSpec(
                "ready",
                "/health",
                "GET",
                Map.of(),
                Optional.empty(),
                List.of(200),
                timeout,
                0,
                Severity.FATAL,
                maxBody,
                json,
                Optional.empty());
    }

    static HealthCheckSpec withSeverity(HealthCheckSpec c, Severity severity) {
        return new HealthCheckSpec(
                c.name(),
                c.path(),
                c.method(),
                c.headers(),
                c.body(),
                c.expectStatus(),
                c.timeout(),
                c.retries(),
                severity,
                c.maxBodyBytes(),
                c.json(),
                c.bodyMatches());
    }

    static JsonAssertion equalsAt(String pointer, String value) {
        return new JsonAssertion(
                pointer, Optional.of(value), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    static JsonAssertion maxAt(String pointer, double max, Optional<Severity> severity) {
        return new JsonAssertion(
                pointer, Optional.empty(), Optional.empty(), Optional.of(max), Optional.empty(), severity);
    }

    static JsonAssertion existsAt(String pointer, boolean exists) {
        return new JsonAssertion(
                pointer, Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(exists), Optional.empty());
    }

    /** The example assertions: status ok, version = release, latency ≤ 250 (warn), queue exists. */
    static List<JsonAssertion> standard() {
        return List.of(
                equalsAt("/status", "ok"),
                equalsAt("/version", "${release}"),
                maxAt("/db/latencyMs", 250, Optional.of(Severity.WARN)),
                existsAt("/queue", true));
    }
}
