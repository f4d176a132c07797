package io.releaseguard.engine.state;

import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.ReleaseGuardException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Mutual exclusion around a read-modify-write of state files, across threads and processes alike. The rule: take a
 * JVM-wide lock for the lock file's path (the OS lock alone would throw when two instances in one JVM meet), then an
 * exclusive OS lock on the file itself, which the OS drops when the holder dies, even under {@code kill -9}.
 */
public final class FileMutex {
    private static final ConcurrentMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private final Path lockFile;
    private final ReentrantLock inProcess;

    public FileMutex(Path lockFile) {
        this.lockFile = lockFile.toAbsolutePath().normalize();
        this.inProcess = IN_PROCESS.computeIfAbsent(this.lockFile, p -> new ReentrantLock());
    }

    /** An action that runs while the mutex is held; it may throw I/O errors and one checked exception of its own. */
    @FunctionalInterface
    public interface Action<T, E extends Exception> {
        T run() throws IOException, E;
    }

    /** Runs {@code action} holding both locks; re-entrant for the calling thread. */
    public <T, E extends Exception> T withLock(Action<T, E> action) throws IOException, E {
        inProcess.lock();
        try {
            if (inProcess.getHoldCount() > 1) {
                return action.run();
            }
            Files.createDirectories(lockFile.getParent());
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock ignored = channel.lock()) {
                return action.run();
            }
        } finally {
            inProcess.unlock();
        }
    }

    /**
     * Like {@link #withLock}, for engine callers: an I/O failure becomes an {@link ExitCode#UNEXPECTED} error whose
     * message starts with {@code what} (say, {@code "<file>: cannot write"}).
     */
    public <T> T guarded(String what, Action<T, ReleaseGuardException> action) throws ReleaseGuardException {
        try {
            return withLock(action);
        } catch (IOException e) {
            throw new ReleaseGuardException(ExitCode.UNEXPECTED, what + ": " + e.getMessage(), e);
        }
    }
}
