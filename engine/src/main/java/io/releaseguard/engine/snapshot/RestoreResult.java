package io.releaseguard.engine.snapshot;

import java.util.List;

/**
 * The outcome of a restore (or, with {@code dryRun}, what it would do): the snapshot used, the per-file changes, and
 * for a real restore whether every file read back with the snapshot's hash and how the restore command ended.
 * {@code status} is the one-word verdict recorded in the audit log. {@code snapshot} says what the snapshot is ({@link
 * SnapshotManifest#describe}) and {@code chosen} why it was used ({@link SnapshotSelection}, or named by id).
 */
public record RestoreResult(
        String snapshotId,
        String release,
        String target,
        boolean dryRun,
        List<FileChange> changes,
        boolean verified,
        String restoreCommand,
        int commandAttempts,
        Integer commandExit,
        Status status,
        String snapshot,
        String chosen) {

    public RestoreResult {
        changes = List.copyOf(changes);
    }

    /** The closed set of restore verdicts, worst last. */
    public enum Status {
        DRY_RUN,
        RESTORED,
        RESTORE_FAILED
    }
}
