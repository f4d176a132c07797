package io.releaseguard.engine.state;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One deployment of a release to an environment, as remembered by the {@link StateStore}. The rule: {@code end} is
 * null exactly while the outcome is {@link Outcome#RUNNING}, and never before {@code start}; the id is unique, so
 * recording the same id again updates it (running, then finished).
 */
public record Deployment(
        String id,
        String environment,
        String release,
        List<String> services,
        Instant start,
        Instant end,
        Outcome outcome,
        String promotionId) {

    public Deployment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(release, "release");
        services = List.copyOf(services);
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(promotionId, "promotionId");
        if ((end == null) != (outcome == Outcome.RUNNING)) {
            throw new IllegalArgumentException("deployment " + id
                    + ": end must be set exactly when the outcome is final (outcome " + outcome + ", end " + end + ")");
        }
        if (end != null && end.isBefore(start)) {
            throw new IllegalArgumentException("deployment " + id + ": end " + end + " is before start " + start);
        }
    }

    /** This deployment, finished at {@code end} with {@code outcome}. */
    public Deployment finish(Instant end, Outcome outcome) {
        return new Deployment(id, environment, release, services, start, end, outcome, promotionId);
    }
}
