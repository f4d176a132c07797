package io.releaseguard.engine.config;

/**
 * Where the kill switch is read from, re-read immediately before every production call. A source that cannot be
 * read counts as "deployments disabled": the switch fails closed.
 */
public sealed interface KillSwitchSpec {
    /** Engaged when the environment variable is set to a true value. */
    record EnvVar(String name) implements KillSwitchSpec {}

    /** Engaged when the file exists (its content is shown as the reason). */
    record File(String path) implements KillSwitchSpec {}

    /** Engaged unless the endpoint answers 2xx with a body whose value at {@code pointer} is not true. */
    record Http(String url, String pointer) implements KillSwitchSpec {}
}
