package io.releaseguard.engine.manifest;

import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.audit.AuditAnchor;
import io.releaseguard.engine.release.ReleaseName;
import io.releaseguard.engine.state.FileMutex;
import io.releaseguard.engine.state.StateIds;
import io.releaseguard.engine.state.StateJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Reads and writes {@code release-manifest.json} under {@code <state>/manifests/<environment>/<release>/}, atomically
 * and under a mutex, so a rollback can add itself to the manifest of the promotion it undoes.
 */
public final class ReleaseManifests {
    /** The file name every manifest has, wherever it is published. */
    public static final String FILE_NAME = "release-manifest.json";
    /** Where the JSON Schema is on the class path. */
    public static final String SCHEMA_RESOURCE = "/io/releaseguard/engine/manifest/release-manifest.schema.json";

    private final Path root;
    private final FileMutex mutex;

    public ReleaseManifests(Path stateDir) {
        this.root = stateDir.toAbsolutePath().normalize().resolve("manifests");
        this.mutex = new FileMutex(root.resolve(".lock"));
    }

    /** Writes (or replaces) the manifest and returns its path. */
    public Path write(ReleaseManifest manifest) throws ReleaseGuardException {
        Path file = file(manifest.environment(), manifest.release());
        return mutex.guarded(file + ": cannot write", () -> {
            StateJson.write(file, manifest);
            return file;
        });
    }

    public Optional<ReleaseManifest> read(String environment, String release) throws ReleaseGuardException {
        return StateJson.read(file(environment, release), StateJson.type(ReleaseManifest.class));
    }

    /** Adds a rollback to the release's manifest; false when the promotion wrote none. */
    public boolean recordRollback(String environment, String release, ReleaseManifest.RollbackRef rollback)
            throws ReleaseGuardException {
        return update(environment, release, m -> m.withRollback(rollback)).isPresent();
    }

    /** Replaces the images of the release's manifest (a retag retried) and its verdict; its path, if there is one. */
    public Optional<Path> recordImages(
            String environment, String release, List<ReleaseManifest.ImageRetag> images, String verdict)
            throws ReleaseGuardException {
        return update(environment, release, m -> m.withImages(images, verdict));
    }

    private Optional<Path> update(String environment, String release, UnaryOperator<ReleaseManifest> change)
            throws ReleaseGuardException {
        Path file = file(environment, release);
        return mutex.guarded(file + ": cannot write", () -> {
            Optional<ReleaseManifest> current = read(environment, release);
            if (current.isEmpty()) {
                return Optional.empty();
            }
            StateJson.write(file, change.apply(current.get()));
            return Optional.of(file);
        });
    }

    /**
     * Every audit anchor of every manifest under the state directory, named by the manifest's path relative to the
     * state directory and the field: {@code auditHead} and {@code approvals[i].audit}. Manifests written before
     * version 3 have none.
     */
    public List<AuditAnchor.Located> anchors() throws ReleaseGuardException {
        List<AuditAnchor.Located> found = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root, 3)) {
            files = walk.filter(f -> f.getFileName().toString().equals(FILE_NAME))
                    .sorted()
                    .toList();
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new ReleaseGuardException(ExitCode.UNEXPECTED, root + ": cannot list: " + e.getMessage(), e);
        }
        for (Path file : files) {
            String name = root.getParent().relativize(file).toString();
            ReleaseManifest m = StateJson.<ReleaseManifest>read(file, StateJson.type(ReleaseManifest.class))
                    .orElseThrow();
            if (m.auditHead() != null) {
                found.add(new AuditAnchor.Located(name + " auditHead", m.auditHead()));
            }
            for (int i = 0; i < m.approvals().size(); i++) {
                AuditAnchor a = m.approvals().get(i).audit();
                if (a != null) {
                    found.add(new AuditAnchor.Located(name + " approvals[" + i + "].audit", a));
                }
            }
        }
        return found;
    }

    private Path file(String environment, String release) throws ReleaseGuardException {
        return root.resolve(StateIds.requireSafe("environment", environment))
                .resolve(ReleaseName.parse(release).value())
                .resolve(FILE_NAME);
    }
}
