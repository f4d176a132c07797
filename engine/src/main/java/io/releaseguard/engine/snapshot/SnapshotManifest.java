package io.releaseguard.engine.snapshot;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a snapshot holds: taken for {@code service} in {@code environment} just before {@code release} was deployed
 * there, at {@code takenAt}; the declared files by content hash and the image list. {@code deployment} is the id of
 * the deployment it was taken for (null for a snapshot saved by hand, or by a release-guard that did not link them),
 * and {@code holds} the release that was live when it was taken (null when none was on record, or not recorded). The
 * manifest is written last, so a snapshot whose manifest exists has every blob it names.
 */
public record SnapshotManifest(
        String id,
        String service,
        String environment,
        String release,
        Instant takenAt,
        String actor,
        List<SnapshotFile> files,
        List<String> images,
        String deployment,
        String holds) {

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

    /** The deployment this snapshot was taken for, when it was linked to one. */
    public Optional<String> linkedDeployment() {
        return Optional.ofNullable(deployment);
    }

    /**
     * What the snapshot is, in the words an operator checks before restoring it: {@code snapshot taken before r3 —
     * holds r2's files}.
     */
    public String describe() {
        String held = holds != null
                ? "holds " + holds + "'s files"
                : deployment != null
                        ? "holds the files from before any deployment on record"
                        : "the release whose files it holds was not recorded";
        return "snapshot taken before " + release + " — " + held;
    }
}
