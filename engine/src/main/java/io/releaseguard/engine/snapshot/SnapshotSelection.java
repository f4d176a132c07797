package io.releaseguard.engine.snapshot;

import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.ReleaseGuardException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Decides which snapshot a restore uses when none is named. The rule: the newest snapshot taken at or before the start
 * of the current deployment (the one being rolled back), since a later snapshot would capture the broken release
 * itself; with no deployment on record, the newest snapshot.
 */
public final class SnapshotSelection {
    private SnapshotSelection() {}

    /** {@code snapshots} oldest first, as {@link SnapshotStore#list} returns them. */
    public static SnapshotManifest choose(
            List<SnapshotManifest> snapshots, Optional<Instant> currentDeploymentStart, String what)
            throws ReleaseGuardException {
        Optional<SnapshotManifest> chosen = snapshots.stream()
                .filter(s -> currentDeploymentStart.isEmpty() || !s.takenAt().isAfter(currentDeploymentStart.get()))
                .reduce((a, b) -> b);
        return chosen.orElseThrow(() -> new ReleaseGuardException(
                ExitCode.ROLLBACK_FAILED,
                "NO_SNAPSHOT: " + what + ": " + snapshots.size() + " snapshot(s), none taken at or before "
                        + currentDeploymentStart.map(Instant::toString).orElse("now")
                        + " (the start of the current deployment)"));
    }
}
