package io.releaseguard.engine.config;

import java.util.List;
import java.util.Optional;

/**
 * What is saved before a service is deployed so it can be restored exactly: files on the target (each at most
 * {@code maxFileBytes}, with its permission bits), the image list (from a command or listed), and the command that
 * brings the restored files up again.
 */
public record SnapshotSpec(
        List<String> files,
        Optional<String> imagesCommand,
        List<String> images,
        Optional<String> restore,
        long maxFileBytes) {
    /**
     * The default per-file cap, 64 MiB: snapshot files are configuration (compose files, env files, scripts), and
     * every file is held in memory while it is hashed and stored; a larger one is refused, never read.
     */
    public static final long DEFAULT_MAX_FILE_BYTES = 64L * 1024 * 1024;

    /** The highest cap a policy may set, 1 GiB. */
    public static final long MAX_FILE_BYTES_LIMIT = 1024L * 1024 * 1024;

    public SnapshotSpec {
        files = List.copyOf(files);
        images = List.copyOf(images);
    }
}
