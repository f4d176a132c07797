package io.releaseguard.engine.config;

import io.releaseguard.engine.config.yaml.Node;
import io.releaseguard.engine.config.yaml.NodeCodec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.zip.CRC32C;

/**
 * Parsed policy trees kept between runs of the command-line tool, so that a short-lived run does not parse the same
 * YAML again (a 1,000-tenant fleet is most of such a run's configuration cost). The rule: a stored tree is used only
 * when the text it was parsed from, which is stored with it, equals the policy's text byte for byte; validation
 * always runs on the tree, so a policy read through the cache is checked exactly as a freshly parsed one. Only
 * trees parsed without problems are stored. Files are written atomically, owner-only, in a folder that must belong
 * to the user and admit no one else; a damaged or foreign file is ignored and replaced. At most {@link #KEEP} trees
 * are kept, the least recently written removed first.
 */
public final class PolicyTreeCache {
    static final int KEEP = 16;
    private static final int MAGIC = 0x52475431; // "RGT1": bump when the tree or the file layout changes
    private static final String PREFIX = "policy-";

    private final Path dir;

    private PolicyTreeCache(Path dir) {
        this.dir = dir;
    }

    /**
     * A cache in {@code dir}, which is created owner-only when the first tree is stored. The folder is used only while
     * it is safe: a real folder (not a link) owned by this user that no one else may write to; otherwise nothing is
     * read from it or stored in it.
     */
    public static PolicyTreeCache in(Path dir) {
        return new PolicyTreeCache(dir);
    }

    private boolean safe() {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS);
            boolean others =
                    perms.contains(PosixFilePermission.GROUP_WRITE) || perms.contains(PosixFilePermission.OTHERS_WRITE);
            boolean mine =
                    Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS).getName().equals(System.getProperty("user.name"));
            return Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) && mine && !others;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    /** The tree stored for exactly {@code text}, if any. */
    Optional<Node> get(String text) {
        byte[] want = text.getBytes(StandardCharsets.UTF_8);
        Path file = file(want);
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || !safe()) {
                return Optional.empty();
            }
            byte[] stored = Files.readAllBytes(file);
            // The last 8 bytes are a CRC-32C of everything before them: a damaged copy is not read as another tree.
            if (stored.length < 16 || checksum(stored, stored.length - 8) != tail(stored)) {
                return Optional.empty();
            }
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(stored, 0, stored.length - 8));
            if (in.readInt() != MAGIC) {
                return Optional.empty();
            }
            byte[] source = in.readNBytes(Math.max(0, Math.min(in.readInt(), stored.length)));
            if (!java.util.Arrays.equals(source, want)) {
                return Optional.empty();
            }
            Node root = NodeCodec.read(in, stored.length);
            return in.read() == -1 ? Optional.of(root) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Stores the tree parsed from {@code text}; failing to store only means the next run parses again. */
    void put(String text, Node root) {
        byte[] source = text.getBytes(StandardCharsets.UTF_8);
        Path target = file(source);
        Path tmp = null;
        try {
            if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(
                        dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            if (!safe()) {
                return;
            }
            tmp = Files.createTempFile(dir, PREFIX, ".tmp");
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(source.length * 3 + 64);
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeInt(MAGIC);
                out.writeInt(source.length);
                out.write(source);
                NodeCodec.write(root, out);
            }
            byte[] content = bytes.toByteArray();
            try (OutputStream os = Files.newOutputStream(tmp);
                    DataOutputStream out = new DataOutputStream(os)) {
                out.write(content);
                out.writeLong(checksum(content, content.length));
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
            prune();
        } catch (IOException | RuntimeException e) {
            // Caching is an optimisation: the policy was read; the next run parses it again.
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a stray temporary file is removed by the next prune
                }
            }
        }
    }

    private static long checksum(byte[] b, int length) {
        CRC32C crc = new CRC32C();
        crc.update(b, 0, length);
        return crc.getValue();
    }

    private static long tail(byte[] b) {
        return java.nio.ByteBuffer.wrap(b, b.length - 8, 8).getLong();
    }

    /** The file a tree parsed from {@code source} is kept in (the text it holds decides whether it is used). */
    Path file(byte[] source) {
        return dir.resolve(PREFIX + Long.toHexString(checksum(source, source.length)) + "-" + source.length + ".tree");
    }

    private void prune() throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, PREFIX + "*")) {
            s.forEach(files::add);
        }
        if (files.size() <= KEEP) {
            return;
        }
        files.sort(Comparator.comparing(PolicyTreeCache::modified).reversed());
        for (Path old : files.subList(KEEP, files.size())) {
            Files.deleteIfExists(old);
        }
    }

    private static FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}
