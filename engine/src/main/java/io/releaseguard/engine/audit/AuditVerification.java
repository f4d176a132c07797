package io.releaseguard.engine.audit;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The verdict on an audit log's integrity: ok, or the first record where the chain breaks with the reason
 * ("record 17: prevHash does not match record 16", "record 9: hash mismatch (tampered)"). A torn tail is only a
 * warning: it is what a crash during an append looks like, and no acknowledged record is missing. {@code anchors}
 * and {@code signatures} count what was checked besides the chain (manifest anchors, decision signatures).
 */
public record AuditVerification(
        int records,
        OptionalLong firstBrokenSeq,
        Optional<String> error,
        List<String> warnings,
        int anchors,
        int signatures) {

    public AuditVerification {
        warnings = List.copyOf(warnings);
    }

    /** A verdict on the chain alone. */
    public AuditVerification(int records, OptionalLong firstBrokenSeq, Optional<String> error, List<String> warnings) {
        this(records, firstBrokenSeq, error, warnings, 0, 0);
    }

    /** True when every record's hash and link verify; warnings do not count against it. */
    public boolean ok() {
        return error.isEmpty();
    }
}
