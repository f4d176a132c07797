package io.releaseguard.engine.snapshot;

import java.util.Objects;

/**
 * One declared file as it was when the snapshot was taken: its SHA-256 and size, or {@code absent} when the file did
 * not exist (a restore then removes it). {@code secret} files are stored owner-only and never printed.
 */
public record SnapshotFile(String path, String sha256, long size, boolean secret, boolean absent) {
    public SnapshotFile {
        Objects.requireNonNull(path, "path");
        if (absent != (sha256 == null)) {
            throw new IllegalArgumentException(path + ": a hash is required exactly when the file was present");
        }
    }

    static SnapshotFile present(String path, String sha256, long size, boolean secret) {
        return new SnapshotFile(path, sha256, size, secret, false);
    }

    static SnapshotFile missing(String path, boolean secret) {
        return new SnapshotFile(path, null, 0, secret, true);
    }
}
