package io.releaseguard.engine.audit;

import io.releaseguard.engine.ReleaseGuardException;

/**
 * The append-only record of every decision (who, what, when, why, verdict). Each record carries the hash of the one
 * before it, so an edit, a deletion or a reordering breaks the chain where it happened, and a crash mid-append shows
 * up as a torn tail instead of an unreadable log.
 */
public interface AuditLog {

    /** Appends one decision and returns it as stored; the record is durable when this returns. */
    AuditRecord append(AuditEntry entry) throws ReleaseGuardException;

    /** Reads every complete record, reporting a torn tail and unparsable lines instead of failing. */
    AuditReadResult read() throws ReleaseGuardException;

    /** The last complete record's position and hash, to anchor elsewhere; empty for an empty log. */
    java.util.Optional<AuditAnchor> head() throws ReleaseGuardException;

    /** Reads the log and checks every hash and link of the chain. */
    AuditVerification verify() throws ReleaseGuardException;
}
