package io.releaseguard.engine.state;

import java.time.Instant;
import java.util.Objects;

/**
 * One approver's decision on a promotion: ids and instants only, never live objects. The digest is the artifact the
 * approver saw, so the approval policy can refuse approvals given for another build; {@code comment} is never null.
 * {@code auditSeq} and {@code auditHash} name the audit record the decision was recorded with (0 and empty when it
 * names none): a decision counts only when that record exists and says the same.
 */
public record ApprovalRecord(
        String promotionId,
        String userId,
        Instant at,
        String comment,
        String artifactDigest,
        Decision decision,
        Long auditSeq,
        String auditHash) {

    public ApprovalRecord {
        Objects.requireNonNull(promotionId, "promotionId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(at, "at");
        comment = comment == null ? "" : comment;
        Objects.requireNonNull(artifactDigest, "artifactDigest");
        Objects.requireNonNull(decision, "decision");
        auditSeq = auditSeq == null ? 0L : auditSeq;
        auditHash = auditHash == null ? "" : auditHash;
    }

    /** A decision that names no audit record (as in state written before decisions were bound to one). */
    public ApprovalRecord(
            String promotionId, String userId, Instant at, String comment, String artifactDigest, Decision decision) {
        this(promotionId, userId, at, comment, artifactDigest, decision, 0L, "");
    }

    /** This decision bound to the audit record {@code seq} with {@code hash}. */
    public ApprovalRecord audited(long seq, String hash) {
        return new ApprovalRecord(promotionId, userId, at, comment, artifactDigest, decision, seq, hash);
    }
}
