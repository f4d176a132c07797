package io.releaseguard.engine.pir;

import java.time.Instant;
import java.util.Objects;

/**
 * One review as tracked in the state directory: which incident, when it is due, whether it is open, and the Markdown
 * draft's file (relative to the reviews directory). Closing records who and when.
 */
public record PostIncidentReview(
        String id,
        Incident.Kind kind,
        String environment,
        String service,
        String release,
        Instant createdAt,
        Instant due,
        Status status,
        String closedBy,
        Instant closedAt,
        String draft) {

    public PostIncidentReview {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(due, "due");
        Objects.requireNonNull(status, "status");
    }

    /** Open until someone closes it. */
    public enum Status {
        OPEN,
        CLOSED
    }

    /** Open and past its due instant. */
    public boolean overdue(Instant now) {
        return status == Status.OPEN && now.isAfter(due);
    }

    PostIncidentReview close(String by, Instant at) {
        return new PostIncidentReview(
                id, kind, environment, service, release, createdAt, due, Status.CLOSED, by, at, draft);
    }
}
