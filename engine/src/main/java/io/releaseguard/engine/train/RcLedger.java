package io.releaseguard.engine.train;

import io.releaseguard.engine.ReleaseGuardException;
import java.util.List;

/** Where release candidates are remembered. Updates are atomic read-modify-writes, so concurrent approvals all land. */
public interface RcLedger {
    /** Every candidate ever cut, oldest first. */
    List<ReleaseCandidate> all() throws ReleaseGuardException;

    /** Replaces the list with {@code change} applied to it, atomically; returns the new list. */
    List<ReleaseCandidate> update(Change change) throws ReleaseGuardException;

    /** A change to the candidate list; may refuse with an engine exception, leaving the ledger unchanged. */
    @FunctionalInterface
    interface Change {
        List<ReleaseCandidate> apply(List<ReleaseCandidate> current) throws ReleaseGuardException;
    }
}
