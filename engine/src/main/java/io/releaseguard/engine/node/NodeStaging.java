package io.releaseguard.engine.node;

import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.ReleaseGuardException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Owner-only temporary files on the node that carry a snapshot file across the channel in chunks: a read stages the
 * target file here and the caller fetches it chunk by chunk; a write collects the chunks here and then replaces the
 * target file from it. Tasks name a file by its bare name, which must be one this class made, under the node's
 * temporary directory.
 */
final class NodeStaging {
    /** The most content one task or answer carries. */
    static final int CHUNK = 1024 * 1024;

    private static final String PREFIX = "release-guard-node-";
    private static final String SUFFIX = ".part";

    private NodeStaging() {}

    /** A new empty staging file; its name. */
    static String create() throws ReleaseGuardException {
        try {
            Path file = Files.createTempFile(
                    dir(),
                    PREFIX,
                    SUFFIX,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            return file.getFileName().toString();
        } catch (IOException e) {
            throw failed("create", "a staging file", e);
        }
    }

    /** The staging file called {@code name}; anything else is refused. */
    static Path file(String name) throws ReleaseGuardException {
        if (name == null || !name.matches(PREFIX + "[0-9]+\\" + SUFFIX)) {
            throw new ReleaseGuardException(ExitCode.UNEXPECTED, "not a staging file of this node: " + name);
        }
        return dir().resolve(name);
    }

    /** Up to {@link #CHUNK} bytes from {@code offset}; empty at the end. */
    static byte[] chunk(String name, long offset) throws ReleaseGuardException {
        try (FileChannel channel = FileChannel.open(file(name), StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.max(0, Math.min(CHUNK, channel.size() - offset)));
            int n = 0;
            while (buffer.hasRemaining() && n >= 0) {
                n = channel.read(buffer, offset + buffer.position());
            }
            return buffer.array();
        } catch (IOException e) {
            throw failed("read", name, e);
        }
    }

    /** Writes {@code bytes} at {@code offset}, which must be the file's end: chunks arrive in order or not at all. */
    static void append(String name, long offset, byte[] bytes) throws ReleaseGuardException {
        try (FileChannel channel = FileChannel.open(file(name), StandardOpenOption.WRITE)) {
            if (channel.size() != offset) {
                throw new IOException("expected a chunk at " + channel.size() + ", got one at " + offset);
            }
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer, offset + buffer.position());
            }
        } catch (IOException e) {
            throw failed("write", name, e);
        }
    }

    /** Removes the staging file if it is still there. */
    static void discard(String name) throws ReleaseGuardException {
        try {
            Files.deleteIfExists(file(name));
        } catch (IOException e) {
            throw failed("delete", name, e);
        }
    }

    private static Path dir() {
        return Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
    }

    private static ReleaseGuardException failed(String what, String name, IOException e) {
        return new ReleaseGuardException(
                ExitCode.UNEXPECTED, "cannot " + what + " " + name + " on the node: " + e.getMessage(), e);
    }
}
