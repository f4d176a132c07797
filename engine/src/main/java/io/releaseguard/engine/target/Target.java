package io.releaseguard.engine.target;

import io.releaseguard.engine.ReleaseGuardException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;

/**
 * Where a service's files live in one environment, seen through the four operations a snapshot and a restore need.
 * Every path is relative to the target's directory and checked by {@link TargetPaths}; a path that climbs out of the
 * directory or passes through a symbolic link is refused before anything is read or written. Content is streamed in
 * both directions through a small buffer ({@link Streams#BUFFER}): no operation holds a whole file in memory.
 */
public interface Target extends AutoCloseable {

    /**
     * Streams the file's bytes into {@code content} and answers its size and permission bits, or empty (nothing
     * written) when it does not exist. Anything but a regular file (a directory, a FIFO, a socket, a device) or a
     * symlink in the way is an error, and a file larger than {@code maxBytes} is refused ({@link
     * FileTooLargeException}) from its size, before its content is read; one that grows past the cap while it is read
     * is refused too, after at most {@code maxBytes} bytes went to {@code content}. {@code content} is not closed.
     */
    Optional<TargetFile> read(String path, long maxBytes, OutputStream content) throws ReleaseGuardException;

    /**
     * Replaces the file with exactly {@code size} bytes of {@code content} so that a reader sees the old bytes or the
     * new ones, never a mix; a shorter or longer stream, or one that fails, leaves the old file in place. The file is
     * owner-only until its bytes are on disk and gets exactly {@code mode}'s permission bits before it takes the
     * path's place. {@code content} is not closed.
     */
    void writeAtomically(String path, InputStream content, long size, int mode) throws ReleaseGuardException;

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
