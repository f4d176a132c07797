package io.releaseguard.engine.state;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Replaces a file's content so that a reader or a crash sees either the old bytes or the new ones, never a mix. The
 * rule: write a temporary file in the target's directory, force it to disk, rename it over the target atomically, then
 * force the directory so the rename itself survives a power loss (best effort where the OS refuses to open
 * directories).
 */
public final class AtomicFiles {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private AtomicFiles() {}

    /** Atomically replaces (or creates) {@code target} with {@code bytes}. */
    public static void write(Path target, byte[] bytes) throws IOException {
        write(target, bytes, false);
    }

    /**
     * Like {@link #write}, but the file is owner-only ({@code rw-------}) from before the first byte is written, so a
     * secret is never readable by others, not even briefly. On file systems without POSIX permissions the content is
     * written with the platform defaults.
     */
    public static void writeSecret(Path target, byte[] bytes) throws IOException {
        write(target, bytes, true);
    }

    /**
     * Like {@link #writeSecret}, and the file gets exactly {@code permissions} just before it is renamed into place
     * (a restored {@code run.sh} is executable again, a restored {@code .env} as private as it was).
     */
    public static void write(Path target, byte[] bytes, Set<PosixFilePermission> permissions) throws IOException {
        write(target, bytes, true, permissions);
    }

    /** What a streamed write puts into the temporary file. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Like {@link #write(Path, byte[], Set)} with the bytes streamed by {@code content} instead of held in memory; a
     * failing {@code content} leaves {@code target} as it was.
     */
    public static void write(Path target, Content content, Set<PosixFilePermission> permissions) throws IOException {
        write(target, content, true, permissions);
    }

    /** Forces a directory's entries (creations, renames) to disk; silently does nothing where the OS refuses. */
    public static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Windows and some file systems cannot open or sync a directory; the rename is still atomic there.
        }
    }

    private static void write(Path target, byte[] bytes, boolean secret) throws IOException {
        write(target, bytes, secret, null);
    }

    private static void write(Path target, byte[] bytes, boolean secret, Set<PosixFilePermission> permissions)
            throws IOException {
        write(target, out -> out.write(bytes), secret, permissions);
    }

    private static void write(Path target, Content content, boolean secret, Set<PosixFilePermission> permissions)
            throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".tmp");
        try {
            if (secret) {
                restrictToOwner(temp);
            }
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                // Unbuffered: content writes whole arrays or its own small chunks straight to the channel.
                content.writeTo(Channels.newOutputStream(channel));
                channel.force(true);
            }
            if (permissions != null) {
                Files.setPosixFilePermissions(temp, permissions);
            }
            move(temp, absolute);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        syncDirectory(dir);
    }

    private static void restrictToOwner(Path file) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        }
    }

    private static void move(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            // Same directory, so this only happens on exotic file systems; a plain replace is the best left.
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
