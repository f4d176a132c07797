package io.releaseguard.engine.train;

import com.fasterxml.jackson.databind.JavaType;
import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.state.FileMutex;
import io.releaseguard.engine.state.StateJson;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@link RcLedger} as {@code release-candidates.json} in the state directory, replaced atomically under a
 * {@link FileMutex}, so two approvers acting at once never lose each other's approval.
 */
public final class FileRcLedger implements RcLedger {
    private static final JavaType LIST = StateJson.listOf(ReleaseCandidate.class);

    private final Path file;
    private final FileMutex mutex;

    public FileRcLedger(Path stateDir) {
        Path dir = stateDir.toAbsolutePath().normalize();
        this.file = dir.resolve("release-candidates.json");
        this.mutex = new FileMutex(dir.resolve(".release-candidates.lock"));
    }

    @Override
    public List<ReleaseCandidate> all() throws ReleaseGuardException {
        return StateJson.<List<ReleaseCandidate>>read(file, LIST).orElse(List.of());
    }

    @Override
    public List<ReleaseCandidate> update(Change change) throws ReleaseGuardException {
        return mutex.guarded(file + ": cannot write", () -> {
            List<ReleaseCandidate> updated = List.copyOf(change.apply(all()));
            StateJson.write(file, updated);
            return updated;
        });
    }
}
