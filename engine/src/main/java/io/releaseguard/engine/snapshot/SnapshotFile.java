package io.releaseguard.engine.snapshot;

import java.util.Objects;

/**
 * One declared file as it was when the snapshot was taken: its SHA-256, size and permission bits ({@code mode},
 * e.g. {@code 0755}), or {@code absent} when the file did not exist (a restore then removes it). {@code secret} files
 * are stored owner-only and never printed. Snapshots taken before modes were recorded have no {@code mode}; those
 * files are restored owner-only when secret and {@code 0644} otherwise.
 */
public record SnapshotFile(String path, String sha256, long size, boolean secret, boolean absent, Integer mode) {
    public SnapshotFile {
        Objects.requireNonNull(path, "path");
        if (absent != (sha256 == null)) {
            throw new IllegalArgumentException(path + ": a hash is required exactly when the file was present");
        }
    }

    /** A file of a snapshot without recorded permission bits. */
    public SnapshotFile(String path, String sha256, long size, boolean secret, boolean absent) {
        this(path, sha256, size, secret, absent, null);
    }

    /** The permission bits a restore gives the file. */
    public int restoreMode() {
        return mode != null ? mode : secret ? 0600 : 0644;
    }

    static SnapshotFile present(String path, String sha256, long size, boolean secret, int mode) {
        return new SnapshotFile(path, sha256, size, secret, false, mode);
    }

    static SnapshotFile missing(String path, boolean secret) {
        return new SnapshotFile(path, null, 0, secret, true, null);
    }
}
