package io.releaseguard.cli.demo;

/**
 * How a broken release misbehaves in the demo world once it is deployed (see {@link DemoWorld#breakRelease}).
 * Rolling the service back to any other release heals it.
 */
public enum Breakage {
    /** {@code /health} answers 500 with {@code {"status":"error"}}. */
    HEALTH_500,
    /** {@code /health} answers 200 but says {@code "status":"degraded"} with a database latency far over budget. */
    WRONG_JSON,
    /** {@code /health} answers only after the world's slow delay, beyond the policy's health-check timeout. */
    SLOW,
    /** {@code /buildinfo} keeps reporting the SHA of the release that ran before: the rollout did not take. */
    STALE_BUILDINFO
}
