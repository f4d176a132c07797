package io.releaseguard.engine.snapshot;

import java.time.Instant;
import java.util.List;

/**
 * A snapshot as it may be shown to a person: what the manifest says and each file's content, secrets masked
 * ({@link SecretFiles#shown}). A secret file shows its size but no hash.
 */
public record SnapshotView(
        String id,
        String service,
        String environment,
        String release,
        Instant takenAt,
        String actor,
        List<String> images,
        List<ShownFile> files) {

    public SnapshotView {
        images = List.copyOf(images);
        files = List.copyOf(files);
    }

    /**
     * One declared file: {@code sha256} is null for a secret or absent file, {@code content} null for an absent one.
     */
    public record ShownFile(
            String path, boolean absent, SecretFiles.Kind secrecy, long size, String sha256, String content) {

        public boolean secret() {
            return secrecy != SecretFiles.Kind.PLAIN;
        }
    }
}
