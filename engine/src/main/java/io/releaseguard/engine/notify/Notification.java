package io.releaseguard.engine.notify;

import io.releaseguard.engine.config.WebhookSpec;
import java.time.Instant;
import java.util.Map;

/**
 * Something people must hear about: a deployment announced (before it starts), live, failed or rolled back, an
 * approval requested, or on-call warned before a mainnet rollback. {@code facts} are shown as key/value pairs.
 */
public record Notification(
        WebhookSpec.Event event,
        String environment,
        String release,
        String title,
        String text,
        Instant at,
        Map<String, String> facts) {
    public Notification {
        facts = Map.copyOf(facts);
    }
}
