package io.releaseguard.engine.snapshot;

import com.fasterxml.jackson.databind.JavaType;
import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.state.AtomicFiles;
import io.releaseguard.engine.state.FileMutex;
import io.releaseguard.engine.state.StateIds;
import io.releaseguard.engine.state.StateJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The {@link SnapshotStore} under {@code <state>/snapshots}: {@code blobs/<aa>/<sha256>} hold file contents
 * (owner-only, since any of them may be a {@code .env}), {@code <env>/<service>/<id>.json} the manifests (owner-only:
 * hashes of short secrets can be guessed). Content is streamed into an owner-only file under {@code .staging} while
 * it is hashed, forced to disk, and renamed to {@code blobs/<aa>/<sha256>} before the manifest is written; every write
 * is atomic, so a crash leaves at worst unreferenced blobs, which the next {@link #prune} removes, or staged files.
 */
public final class FileSnapshotStore implements SnapshotStore {
    private static final JavaType MANIFEST = StateJson.type(SnapshotManifest.class);
    private static final Comparator<SnapshotManifest> OLDEST_FIRST =
            Comparator.comparing(SnapshotManifest::takenAt).thenComparing(SnapshotManifest::id);

    /** Where content is streamed before it has a name; a dot-name, so neither listing nor garbage collection sees it. */
    private static final String STAGING = ".staging";

    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    private final Path root;
    private final FileMutex mutex;

    /** Snapshots kept in {@code stateDir/snapshots}. */
    public FileSnapshotStore(Path stateDir) {
        this.root = stateDir.toAbsolutePath().normalize().resolve("snapshots");
        this.mutex = new FileMutex(root.resolve(".lock"));
    }

    @Override
    public BlobSink stage() throws ReleaseGuardException {
        Path staging = root.resolve(STAGING);
        try {
            Files.createDirectories(staging);
            // Owner-only from its creation: the content may be a .env.
            return new BlobSink(Files.createTempFile(staging, "blob-", ".tmp", OWNER_ONLY));
        } catch (IOException e) {
            throw new ReleaseGuardException(ExitCode.UNEXPECTED, staging + ": cannot stage: " + e.getMessage(), e);
        }
    }

    @Override
    public void save(SnapshotManifest manifest, List<StagedBlob> blobs) throws ReleaseGuardException {
        Path file = manifestFile(manifest.environment(), manifest.service(), manifest.id());
        mutex.guarded(file + ": cannot write", () -> {
            for (StagedBlob blob : blobs) {
                Path target = blobFile(blob.sha256());
                // Content addressing lets snapshots share a blob; one damaged on disk is replaced, not trusted.
                if (Files.exists(target)
                        && Sha256.hex(Files.newInputStream(target)).equals(blob.sha256())) {
                    Files.deleteIfExists(blob.file());
                } else {
                    // A staged file that is gone fails the save here, before any manifest names its content.
                    Files.createDirectories(target.getParent());
                    Files.move(blob.file(), target, StandardCopyOption.ATOMIC_MOVE);
                    AtomicFiles.syncDirectory(target.getParent());
                }
            }
            StateJson.writeSecret(file, manifest);
            return null;
        });
    }

    @Override
    public void discard(List<StagedBlob> blobs) {
        for (StagedBlob blob : blobs) {
            try {
                Files.deleteIfExists(blob.file());
            } catch (IOException e) {
                // An owner-only leftover in the staging directory; the snapshot's own error is what matters.
            }
        }
    }

    @Override
    public List<SnapshotManifest> list(String environment, String service) throws ReleaseGuardException {
        List<SnapshotManifest> found = new ArrayList<>();
        for (Path file : manifests(dir(environment, service))) {
            found.add(StateJson.<SnapshotManifest>read(file, MANIFEST).orElseThrow());
        }
        found.sort(OLDEST_FIRST);
        return found;
    }

    @Override
    public Optional<SnapshotManifest> get(String environment, String service, String id) throws ReleaseGuardException {
        return StateJson.read(manifestFile(environment, service, id), MANIFEST);
    }

    @Override
    public byte[] blob(String sha256) throws ReleaseGuardException {
        Path file = existing(sha256);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
        requireHash(file, Sha256.hex(bytes), sha256);
        return bytes;
    }

    @Override
    public void verify(String sha256) throws ReleaseGuardException {
        Path file = existing(sha256);
        try {
            requireHash(file, Sha256.hex(Files.newInputStream(file)), sha256);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    @Override
    public InputStream open(String sha256) throws ReleaseGuardException {
        Path file = existing(sha256);
        try {
            return new VerifyingInputStream(Files.newInputStream(file), sha256, file.toString());
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    /** The blob's file, after checking the hash names one and it exists. */
    private Path existing(String sha256) throws ReleaseGuardException {
        if (!Sha256.isHash(sha256)) {
            throw new ReleaseGuardException(ExitCode.ROLLBACK_FAILED, "snapshot names an invalid hash: " + sha256);
        }
        Path file = blobFile(sha256);
        if (!Files.isRegularFile(file)) {
            throw new ReleaseGuardException(ExitCode.ROLLBACK_FAILED, file + ": snapshot content is missing");
        }
        return file;
    }

    private static void requireHash(Path file, String actual, String sha256) throws ReleaseGuardException {
        if (!actual.equals(sha256)) {
            throw new ReleaseGuardException(
                    ExitCode.ROLLBACK_FAILED,
                    file + ": snapshot content is damaged (sha256 " + actual + ", expected " + sha256 + ")");
        }
    }

    private static ReleaseGuardException unreadable(Path file, IOException e) {
        return e instanceof NoSuchFileException
                ? new ReleaseGuardException(ExitCode.ROLLBACK_FAILED, file + ": snapshot content is missing", e)
                : new ReleaseGuardException(ExitCode.ROLLBACK_FAILED, file + ": cannot read: " + e.getMessage(), e);
    }

    @Override
    public List<String> prune(String environment, String service, int keep) throws ReleaseGuardException {
        return mutex.guarded(root + ": cannot prune", () -> {
            List<SnapshotManifest> all = list(environment, service);
            List<String> removed = new ArrayList<>();
            for (SnapshotManifest old : all.subList(0, Math.max(0, all.size() - keep))) {
                Files.deleteIfExists(manifestFile(environment, service, old.id()));
                removed.add(old.id());
            }
            if (!removed.isEmpty()) {
                collectGarbage();
            }
            return removed;
        });
    }

    /** Deletes blobs no manifest of any service references; callers hold the mutex. */
    private void collectGarbage() throws IOException, ReleaseGuardException {
        Set<String> referenced = new HashSet<>();
        for (Path envDir : children(root)) {
            if (envDir.getFileName().toString().equals("blobs")) {
                continue;
            }
            for (Path serviceDir : children(envDir)) {
                for (Path file : manifests(serviceDir)) {
                    StateJson.<SnapshotManifest>read(file, MANIFEST).orElseThrow().files().stream()
                            .filter(f -> !f.absent())
                            .forEach(f -> referenced.add(f.sha256()));
                }
            }
        }
        Path blobs = root.resolve("blobs");
        if (!Files.isDirectory(blobs)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(blobs)) {
            walk.filter(Files::isRegularFile)
                    .filter(p -> !referenced.contains(p.getFileName().toString()))
                    .forEach(p -> {
                        try {
                            Files.deleteIfExists(p);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
        }
    }

    private Path dir(String environment, String service) throws ReleaseGuardException {
        return root.resolve(StateIds.requireSafe("environment", environment))
                .resolve(StateIds.requireSafe("service", service));
    }

    private Path manifestFile(String environment, String service, String id) throws ReleaseGuardException {
        return dir(environment, service).resolve(StateIds.requireSafe("snapshot", id) + ".json");
    }

    private Path blobFile(String sha256) {
        return root.resolve("blobs").resolve(sha256.substring(0, 2)).resolve(sha256);
    }

    private static List<Path> manifests(Path dir) throws ReleaseGuardException {
        return listed(dir, "[!.]*.json");
    }

    private static List<Path> children(Path dir) throws ReleaseGuardException {
        return listed(dir, "[!.]*").stream().filter(Files::isDirectory).toList();
    }

    private static List<Path> listed(Path dir, String glob) throws ReleaseGuardException {
        List<Path> paths = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, glob)) {
            stream.forEach(paths::add);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new ReleaseGuardException(ExitCode.UNEXPECTED, dir + ": cannot list: " + e.getMessage(), e);
        }
        paths.sort(Comparator.naturalOrder());
        return paths;
    }
}
