package io.releaseguard.engine.target;

import io.releaseguard.engine.ReleaseGuardException;
import java.util.Optional;

/**
 * Where a service's files live in one environment, seen through the four operations a snapshot and a restore need.
 * Every path is relative to the target's directory and checked by {@link TargetPaths}; a path that climbs out of the
 * directory or passes through a symbolic link is refused before anything is read or written.
 */
public interface Target extends AutoCloseable {

    /** The file's bytes, or empty when it does not exist; a directory or a symlink in the way is an error. */
    Optional<byte[]> read(String path) throws ReleaseGuardException;

    /**
     * Replaces the file so that a reader sees the old bytes or the new ones, never a mix; {@code secret} files are
     * owner-only from before the first byte is written.
     */
    void writeAtomically(String path, byte[] bytes, boolean secret) throws ReleaseGuardException;

    /** Removes the file if it exists. */
    void delete(String path) throws ReleaseGuardException;

    /**
     * Runs an operator-authored command line with {@code sh -c} in the target's directory. Callers never splice
     * release or service names into it.
     */
    ExecResult exec(String command) throws ReleaseGuardException;

    /** A human-readable description for messages ({@code local:/srv/api}, {@code ssh:deploy@api-1:22/srv/api}). */
    String describe();

    @Override
    void close();
}
