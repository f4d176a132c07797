package io.releaseguard.engine.snapshot;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a snapshot holds: taken for {@code service} in {@code environment} just before {@code release} was deployed
 * there, at {@code takenAt}; the declared files by content hash and the image list. The manifest is written last, so
 * a snapshot whose manifest exists has every blob it names.
 */
public record SnapshotManifest(
        String id,
        String service,
        String environment,
        String release,
        Instant takenAt,
        String actor,
        List<SnapshotFile> files,
        List<String> images) {

    public SnapshotManifest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(release, "release");
        Objects.requireNonNull(takenAt, "takenAt");
        Objects.requireNonNull(actor, "actor");
        files = List.copyOf(files);
        images = List.copyOf(images);
    }
}
