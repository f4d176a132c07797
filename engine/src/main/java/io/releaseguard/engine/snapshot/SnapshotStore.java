package io.releaseguard.engine.snapshot;

import io.releaseguard.engine.ReleaseGuardException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * Keeps snapshots: file contents by SHA-256 and one manifest per snapshot. Saving is all-or-nothing from a reader's
 * point of view (content streamed to staging, then blobs renamed into place, manifest last, each atomically), and a blob is handed out only after its hash has been
 * checked again, so a damaged snapshot is refused instead of restored.
 */
public interface SnapshotStore {

    /**
     * A sink for one file's content: what is written to it is hashed and kept (owner-only) in the store's staging
     * directory, never in memory, until {@link #save} puts it in place or {@link #discard} drops it.
     */
    BlobSink stage() throws ReleaseGuardException;

    /** Moves the staged blobs to their content addresses and then writes the manifest. */
    void save(SnapshotManifest manifest, List<StagedBlob> blobs) throws ReleaseGuardException;

    /** Removes staged blobs that were not saved (a snapshot that failed half-way); saved ones are left alone. */
    void discard(List<StagedBlob> blobs);

    /** Snapshots of one service in one environment, oldest first (by time, then id). */
    List<SnapshotManifest> list(String environment, String service) throws ReleaseGuardException;

    /** One snapshot by id. */
    Optional<SnapshotManifest> get(String environment, String service, String id) throws ReleaseGuardException;

    /** The content with this hash, verified; an error when it is missing or does not match. */
    byte[] blob(String sha256) throws ReleaseGuardException;

    /** Checks, streaming, that the content with this hash is there and matches; an error when not. */
    void verify(String sha256) throws ReleaseGuardException;

    /**
     * The content with this hash as a stream that checks the hash as it is read: the reader that reaches the end of
     * a damaged blob gets an {@link java.io.IOException} before its last bytes.
     */
    InputStream open(String sha256) throws ReleaseGuardException;

    /** Deletes all but the newest {@code keep} snapshots of the service and the blobs nobody references any more. */
    List<String> prune(String environment, String service, int keep) throws ReleaseGuardException;
}
