package io.releaseguard.engine.status;

import io.releaseguard.engine.ReleaseGuardException;
import java.util.List;

/** Port: the statuses set on a commit (by SHA or by tag name): every context's latest, all pages read. */
@FunctionalInterface
public interface CommitStatuses {
    List<CommitStatus> statuses(String ref) throws ReleaseGuardException;
}
