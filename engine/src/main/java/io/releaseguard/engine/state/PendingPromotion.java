package io.releaseguard.engine.state;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A request to promote a release (pinned by its artifact digest) to an environment, kept until it is done or
 * cancelled. Approvals refer to it by {@code id} and to the digest they saw, so an approval never carries over to a
 * different artifact. {@code authors} are who wrote the release, recorded when the request was made (none in state
 * files written before authors were recorded).
 */
public record PendingPromotion(
        String id,
        String environment,
        String release,
        String requestedBy,
        String artifactDigest,
        Instant createdAt,
        PromotionStatus status,
        List<ReleaseAuthor> authors) {

    public PendingPromotion {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(release, "release");
        Objects.requireNonNull(requestedBy, "requestedBy");
        Objects.requireNonNull(artifactDigest, "artifactDigest");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(status, "status");
        authors = authors == null ? List.of() : List.copyOf(authors);
    }

    /** This promotion with another status. */
    public PendingPromotion withStatus(PromotionStatus newStatus) {
        return new PendingPromotion(
                id, environment, release, requestedBy, artifactDigest, createdAt, newStatus, authors);
    }
}
