package io.releaseguard.engine.snapshot;

import io.releaseguard.engine.ReleaseGuardException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps snapshots: file contents by SHA-256 and one manifest per snapshot. Saving is all-or-nothing from a reader's
 * point of view (blobs first, manifest last, each atomically), and a blob is handed out only after its hash has been
 * checked again, so a damaged snapshot is refused instead of restored.
 */
public interface SnapshotStore {

    /** Stores the blobs ({@code sha256 → bytes}; secret ones owner-only) and then the manifest. */
    void save(SnapshotManifest manifest, Map<String, byte[]> blobs) throws ReleaseGuardException;

    /** Snapshots of one service in one environment, oldest first (by time, then id). */
    List<SnapshotManifest> list(String environment, String service) throws ReleaseGuardException;

    /** One snapshot by id. */
    Optional<SnapshotManifest> get(String environment, String service, String id) throws ReleaseGuardException;

    /** The content with this hash, verified; an error when it is missing or does not match. */
    byte[] blob(String sha256) throws ReleaseGuardException;

    /** Deletes all but the newest {@code keep} snapshots of the service and the blobs nobody references any more. */
    List<String> prune(String environment, String service, int keep) throws ReleaseGuardException;
}
