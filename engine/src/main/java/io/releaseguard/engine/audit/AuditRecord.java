package io.releaseguard.engine.audit;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One line of the audit log as stored: the caller's {@link AuditEntry} plus its sequence number (1, 2, 3, ...), the
 * instant from the engine's clock and the hash chain. {@code hash} is the SHA-256 of this record's canonical form
 * (see {@link AuditCodec}), which includes {@code prevHash}, the previous record's hash (64 zeros for the first).
 */
public record AuditRecord(
        long seq,
        Instant at,
        String actor,
        String action,
        String environment,
        String subject,
        String verdict,
        String reason,
        Map<String, String> details,
        String prevHash,
        String hash) {

    /** The {@code prevHash} of the first record. */
    public static final String GENESIS_HASH = "0".repeat(64);

    public AuditRecord {
        details = new AuditEntry(actor, action, environment, subject, verdict, reason, details).details();
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(prevHash, "prevHash");
        Objects.requireNonNull(hash, "hash");
    }

    /** The entry this record was made from. */
    public AuditEntry entry() {
        return new AuditEntry(actor, action, environment, subject, verdict, reason, details);
    }
}
