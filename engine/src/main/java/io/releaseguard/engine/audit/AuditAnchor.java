package io.releaseguard.engine.audit;

import java.util.Objects;

/**
 * A point of the audit log recorded elsewhere (in a release manifest): the log had {@code records} records and the
 * last of them had {@code hash}. Since every hash covers all records before it, an anchor pins the whole log up to
 * that point: a log that is shorter, or whose record at that position has another hash, was truncated or rewritten.
 */
public record AuditAnchor(long records, String hash) {

    public AuditAnchor {
        Objects.requireNonNull(hash, "hash");
        if (records < 1) {
            throw new IllegalArgumentException("an anchor names a record (records >= 1), not " + records);
        }
    }

    /** An anchor and where it was found ({@code manifests/mainnet/v1/release-manifest.json auditHead}). */
    public record Located(String where, AuditAnchor anchor) {}
}
