package io.releaseguard.engine.target;

import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.state.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A target directory on this machine. Files are replaced with {@link AtomicFiles} (temporary file, fsync, atomic
 * rename); every component of a path is checked without following links before it is read or written.
 */
public final class LocalTarget implements Target {
    private final Path dir;
    private final Duration timeout;

    public LocalTarget(Path dir, Duration timeout) {
        this.dir = dir.toAbsolutePath().normalize();
        this.timeout = timeout;
    }

    @Override
    public Optional<byte[]> read(String path) throws ReleaseGuardException {
        Path file = resolve(path);
        try {
            if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new ReleaseGuardException(ExitCode.INVALID, describe() + ": " + path + " is a directory");
            }
            return Optional.of(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw failed("read", path, e);
        }
    }

    @Override
    public void writeAtomically(String path, byte[] bytes, boolean secret) throws ReleaseGuardException {
        Path file = resolve(path);
        try {
            if (secret) {
                AtomicFiles.writeSecret(file, bytes);
            } else {
                AtomicFiles.write(file, bytes);
            }
        } catch (IOException e) {
            throw failed("write", path, e);
        }
    }

    @Override
    public void delete(String path) throws ReleaseGuardException {
        Path file = resolve(path);
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw failed("delete", path, e);
        }
    }

    @Override
    public ExecResult exec(String command) throws ReleaseGuardException {
        return Processes.run(List.of("sh", "-c", command), dir, new byte[0], timeout);
    }

    @Override
    public String describe() {
        return "local:" + dir;
    }

    @Override
    public void close() {}

    /** The absolute file for {@code path}, after refusing escapes and symbolic links on the way. */
    private Path resolve(String path) throws ReleaseGuardException {
        TargetPaths.requireInside(path);
        for (String prefix : TargetPaths.prefixes(path)) {
            if (Files.isSymbolicLink(dir.resolve(prefix))) {
                throw TargetPaths.symlink(describe(), prefix);
            }
        }
        Path file = dir.resolve(path).normalize();
        if (!file.startsWith(dir)) {
            throw new ReleaseGuardException(ExitCode.INVALID, describe() + ": " + path + " is outside the target");
        }
        return file;
    }

    private ReleaseGuardException failed(String what, String path, IOException e) {
        return new ReleaseGuardException(
                ExitCode.UNEXPECTED, describe() + ": cannot " + what + " " + path + ": " + e.getMessage(), e);
    }
}
