package io.releaseguard.engine.train;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A release candidate as remembered in the state directory: its tag, version and commit, who cut it and when, where
 * it stands, and every approval it received. {@code supersededBy}, {@code finalTag} and {@code closedAt} are null
 * while the candidate is {@link Status#OPEN}; approvals carry the commit they were given for.
 */
public record ReleaseCandidate(
        String name,
        String version,
        int n,
        String commit,
        Instant cutAt,
        String cutBy,
        Status status,
        String supersededBy,
        String finalTag,
        Instant closedAt,
        List<Approval> approvals) {

    public ReleaseCandidate {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(commit, "commit");
        Objects.requireNonNull(status, "status");
        approvals = List.copyOf(approvals == null ? List.of() : approvals);
    }

    /** Where a candidate stands; only an {@link #OPEN} one can be approved or promoted. */
    public enum Status {
        OPEN,
        ABANDONED,
        FINAL
    }

    /** One approval: who, when, and the commit they approved. */
    public record Approval(String user, Instant at, String commit) {}

    ReleaseCandidate abandon(String by, Instant at) {
        return new ReleaseCandidate(name, version, n, commit, cutAt, cutBy, Status.ABANDONED, by, null, at, approvals);
    }

    ReleaseCandidate promote(String tag, Instant at) {
        return new ReleaseCandidate(name, version, n, commit, cutAt, cutBy, Status.FINAL, null, tag, at, approvals);
    }

    ReleaseCandidate approve(Approval approval) {
        List<Approval> more = new java.util.ArrayList<>(approvals);
        more.add(approval);
        return new ReleaseCandidate(
                name, version, n, commit, cutAt, cutBy, status, supersededBy, finalTag, closedAt, more);
    }
}
