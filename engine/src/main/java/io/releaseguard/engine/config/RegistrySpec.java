package io.releaseguard.engine.config;

import java.time.Duration;
import java.util.Optional;

/**
 * The container registry that released images are retagged in after a healthy promotion. {@code url} is the base
 * URL the Registry API v2 lives under ({@code <url>/v2/}); {@code username} and {@code password} go together, the
 * password always as a {@code ${env:NAME}} reference so it is never written in the policy; {@code timeout} bounds each
 * request, the token request included.
 */
public record RegistrySpec(String url, Optional<String> username, Optional<String> password, Duration timeout) {
    /** Deadline of one registry request when none is configured. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
}
