package io.releaseguard.engine.config;

import java.util.Set;

/** A notification target; the URL is treated as a secret and masked wherever it is shown. */
public record WebhookSpec(String name, String url, Format format, Set<Event> events) {
    public WebhookSpec {
        events = Set.copyOf(events);
    }

    /** Payload format. */
    public enum Format {
        SLACK,
        TEAMS,
        JSON
    }

    /** What is announced. */
    public enum Event {
        ANNOUNCED,
        LIVE,
        FAILED,
        ROLLED_BACK,
        APPROVAL_REQUESTED,
        ONCALL_ROLLBACK
    }
}
