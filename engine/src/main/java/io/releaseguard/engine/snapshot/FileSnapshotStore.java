package io.releaseguard.engine.snapshot;

import com.fasterxml.jackson.databind.JavaType;
import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.state.AtomicFiles;
import io.releaseguard.engine.state.FileMutex;
import io.releaseguard.engine.state.StateIds;
import io.releaseguard.engine.state.StateJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The {@link SnapshotStore} under {@code <state>/snapshots}: {@code blobs/<aa>/<sha256>} hold file contents
 * (owner-only, since any of them may be a {@code .env}), {@code <env>/<service>/<id>.json} the manifests (owner-only:
 * hashes of short secrets can be guessed). Blobs are written before the manifest and every write is atomic, so a crash
 * leaves at worst unreferenced blobs, which the next {@link #prune} removes.
 */
public final class FileSnapshotStore implements SnapshotStore {
    private static final JavaType MANIFEST = StateJson.type(SnapshotManifest.class);
    private static final Comparator<SnapshotManifest> OLDEST_FIRST =
            Comparator.comparing(SnapshotManifest::takenAt).thenComparing(SnapshotManifest::id);

    private final Path root;
    private final FileMutex mutex;

    /** Snapshots kept in {@code stateDir/snapshots}. */
    public FileSnapshotStore(Path stateDir) {
        this.root = stateDir.toAbsolutePath().normalize().resolve("snapshots");
        this.mutex = new FileMutex(root.resolve(".lock"));
    }

    @Override
    public void save(SnapshotManifest manifest, Map<String, byte[]> blobs) throws ReleaseGuardException {
        Path file = manifestFile(manifest.environment(), manifest.service(), manifest.id());
        mutex.guarded(file + ": cannot write", () -> {
            for (Map.Entry<String, byte[]> blob : blobs.entrySet()) {
                if (!Sha256.hex(blob.getValue()).equals(blob.getKey())) {
                    throw new IllegalArgumentException("blob content does not match its hash " + blob.getKey());
                }
                Path target = blobFile(blob.getKey());
                // Content addressing lets snapshots share a blob; one damaged on disk is replaced, not trusted.
                if (!Files.exists(target)
                        || !Sha256.hex(Files.readAllBytes(target)).equals(blob.getKey())) {
                    AtomicFiles.writeSecret(target, blob.getValue());
                }
            }
            StateJson.writeSecret(file, manifest);
            return null;
        });
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
        if (!Sha256.isHash(sha256)) {
            throw new ReleaseGuardException(ExitCode.ROLLBACK_FAILED, "snapshot names an invalid hash: " + sha256);
        }
        Path file = blobFile(sha256);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ReleaseGuardException(ExitCode.ROLLBACK_FAILED, file + ": snapshot content is missing", e);
        } catch (IOException e) {
            throw new ReleaseGuardException(ExitCode.ROLLBACK_FAILED, file + ": cannot read: " + e.getMessage(), e);
        }
        String actual = Sha256.hex(bytes);
        if (!actual.equals(sha256)) {
            throw new ReleaseGuardException(
                    ExitCode.ROLLBACK_FAILED,
                    file + ": snapshot content is damaged (sha256 " + actual + ", expected " + sha256 + ")");
        }
        return bytes;
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
