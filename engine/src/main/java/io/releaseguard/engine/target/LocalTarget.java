package io.releaseguard.engine.target;

import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.state.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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
    public Optional<TargetFile> read(String path, long maxBytes, OutputStream content) throws ReleaseGuardException {
        Path file = resolve(path);
        try {
            PosixFileAttributes attributes;
            try {
                attributes = Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException e) {
                return Optional.empty();
            }
            if (attributes.isDirectory()) {
                throw new ReleaseGuardException(ExitCode.INVALID, describe() + ": " + path + " is a directory");
            }
            if (!attributes.isRegularFile()) {
                // Opening a FIFO blocks until someone writes to it; a device may never end. Neither is config.
                throw new ReleaseGuardException(
                        ExitCode.INVALID,
                        describe() + ": " + path + " is not a regular file (a FIFO, socket or device); refusing to"
                                + " read it");
            }
            if (attributes.size() > maxBytes) {
                throw new FileTooLargeException(describe(), path, Long.toString(attributes.size()), maxBytes);
            }
            long size;
            try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
                // Never more than the cap, even if the file grew since its size was read.
                size = Streams.copyAtMost(in, content, maxBytes);
            }
            if (size > maxBytes) {
                throw new FileTooLargeException(describe(), path, "more than " + maxBytes, maxBytes);
            }
            return Optional.of(new TargetFile(size, mode(attributes.permissions())));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw failed("read", path, e);
        }
    }

    @Override
    public void writeAtomically(String path, InputStream content, long size, int mode) throws ReleaseGuardException {
        Path file = resolve(path);
        try {
            AtomicFiles.write(file, out -> Streams.copyExactly(content, out, size), permissions(mode));
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

    static int mode(Set<PosixFilePermission> permissions) {
        int mode = 0;
        for (PosixFilePermission p : permissions) {
            mode |= 0400 >> p.ordinal(); // OWNER_READ is ordinal 0 ... OTHERS_EXECUTE ordinal 8
        }
        return mode;
    }

    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> out = EnumSet.noneOf(PosixFilePermission.class);
        for (PosixFilePermission p : PosixFilePermission.values()) {
            if ((mode & (0400 >> p.ordinal())) != 0) {
                out.add(p);
            }
        }
        return out;
    }

    private ReleaseGuardException failed(String what, String path, IOException e) {
        return new ReleaseGuardException(
                ExitCode.UNEXPECTED, describe() + ": cannot " + what + " " + path + ": " + e.getMessage(), e);
    }
}
