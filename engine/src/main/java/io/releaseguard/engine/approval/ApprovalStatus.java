package io.releaseguard.engine.approval;

import java.util.List;
import java.util.Optional;

/**
 * Where a promotion's approvals stand under its policy: APPROVED, PENDING (with how many of how many) or REJECTED.
 * Decisions that did not count are listed with the reason, so "why is my approval not counted" has an answer.
 */
public record ApprovalStatus(
        State state,
        int have,
        int need,
        List<String> counted,
        List<Ignored> ignored,
        Optional<String> rejectedBy,
        String message) {

    public ApprovalStatus {
        counted = List.copyOf(counted);
        ignored = List.copyOf(ignored);
    }

    /** The overall state. */
    public enum State {
        APPROVED,
        PENDING,
        REJECTED
    }

    /** A decision that was not counted, and why. */
    public record Ignored(String userId, Reason reason, String message) {}

    /** Why a decision was not counted. */
    public enum Reason {
        SELF_APPROVAL,
        NOT_A_REVIEWER,
        EXPIRED,
        OTHER_ARTIFACT,
        SUPERSEDED,
        /** The state file holds it, but the audit log has no matching record: forged or from a changed log. */
        UNAUDITED,
        /** The policy requires signed decisions and this one carries no signature. */
        UNSIGNED,
        /** Its signature does not verify under the policy's allowed signers. */
        BAD_SIGNATURE
    }

    /** This status with {@code more} decisions listed as not counted (first). */
    public ApprovalStatus withIgnored(List<Ignored> more) {
        if (more.isEmpty()) {
            return this;
        }
        List<Ignored> all = new java.util.ArrayList<>(more);
        all.addAll(ignored);
        return new ApprovalStatus(state, have, need, counted, all, rejectedBy, message);
    }
}
