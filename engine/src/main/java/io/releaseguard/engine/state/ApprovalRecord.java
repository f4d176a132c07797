package io.releaseguard.engine.state;

import java.time.Instant;
import java.util.Objects;

/**
 * One approver's decision on a promotion: ids and instants only, never live objects. The digest is the artifact the
 * approver saw, so the approval policy can refuse approvals given for another build; {@code comment} is never null.
 */
public record ApprovalRecord(
        String promotionId, String userId, Instant at, String comment, String artifactDigest, Decision decision) {

    public ApprovalRecord {
        Objects.requireNonNull(promotionId, "promotionId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(at, "at");
        comment = comment == null ? "" : comment;
        Objects.requireNonNull(artifactDigest, "artifactDigest");
        Objects.requireNonNull(decision, "decision");
    }
}
