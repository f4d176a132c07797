package io.releaseguard.engine.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseguard.engine.config.ConfigLoader;
import io.releaseguard.engine.config.ReleaseGuardConfig;
import io.releaseguard.engine.node.NodePolicy;
import io.releaseguard.engine.node.NodeSite;
import io.releaseguard.engine.node.NodeTargets;
import io.releaseguard.engine.node.SerializingNode;
import io.releaseguard.engine.release.ReleaseName;
import io.releaseguard.engine.state.FileStateStore;
import io.releaseguard.engine.target.Targets;
import io.releaseguard.engine.testing.ChildJvm;
import io.releaseguard.engine.testing.MutableClock;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Snapshot save and restore of a file three times larger than the whole heap of the JVM doing them (ChildJvm runs
 * with {@code -Xmx64m}): it only works when no step holds a file's content in memory, through a local target and
 * through the node seam, whose tasks are serialized as a remoting channel would.
 */
class SnapshotStreamingTest {
    /** Three times the child's heap. */
    static final long SIZE = 192L * 1024 * 1024;

    @org.junit.jupiter.api.io.TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"local", "node"})
    void aFileLargerThanTheHeapIsSnapshottedAndRestoredByteForByteWithItsMode(String via) throws Exception {
        Path big = tmp.resolve("target/deploy/big.bin");
        Files.createDirectories(big.getParent());
        writePattern(big, SIZE);
        Files.setPosixFilePermissions(big, PosixFilePermissions.fromString("rwxr-x---"));
        String original = sha256(big);

        try (ChildJvm child = ChildJvm.start(Child.class, via, tmp.toString())) {
            assertThat(child.waitFor()).as(child.stderrText()).isZero();
            assertThat(child.readLine()).isEqualTo("saved " + SIZE);
            assertThat(child.readLine()).isEqualTo("restored RESTORED verified=true");
        }

        assertThat(Files.size(big)).isEqualTo(SIZE);
        assertThat(sha256(big)).isEqualTo(original);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(big)))
                .isEqualTo("rwxr-x---");
        try (Stream<Path> files = Files.walk(tmp.resolve("state/snapshots/blobs"))) {
            Path blob = files.filter(Files::isRegularFile).findFirst().orElseThrow();
            assertThat(blob.getFileName().toString()).isEqualTo(original);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(blob)))
                    .as("a stored blob stays owner-only")
                    .isEqualTo("rw-------");
        }
        try (Stream<Path> staged = Files.list(tmp.resolve("state/snapshots/.staging"))) {
            assertThat(staged).as("nothing is left in the staging directory").isEmpty();
        }
    }

    /** The file's SHA-256, computed here without the code under test. */
    static String sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** {@code size} bytes that differ from block to block, so a misplaced chunk changes the hash. */
    static void writePattern(Path file, long size) throws Exception {
        byte[] block = new byte[1024 * 1024 + 7];
        try (OutputStream out = Files.newOutputStream(file)) {
            long written = 0;
            for (int round = 0; written < size; round++) {
                for (int i = 0; i < block.length; i++) {
                    block[i] = (byte) (i * 31 + round);
                }
                int n = (int) Math.min(block.length, size - written);
                out.write(block, 0, n);
                written += n;
            }
        }
    }

    /** Saves a snapshot, breaks the file, restores it; prints what happened. Runs in a 64 MiB heap. */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            Path dir = Path.of(args[1]);
            String yaml = "version: 1\n"
                    + "environments:\n  - name: staging\n"
                    + "services:\n  - name: api\n"
                    + "    snapshot:\n"
                    + "      files: [deploy/big.bin]\n"
                    + "      images: []\n"
                    + "      maxFileBytes: 512MiB\n"
                    + "    targets:\n      staging: { dir: target }\n";
            ReleaseGuardConfig config = ConfigLoader.parse(yaml, "release-guard.yaml", dir);
            Targets targets = args[0].equals("node")
                    ? new NodeTargets(
                            new SerializingNode(),
                            new NodeSite(NodePolicy.administered(yaml, "release-guard.yaml", dir.toString()), Map.of()))
                    : Targets.fromConfig();
            MutableClock clock = MutableClock.at("2026-12-08T01:00:00Z");
            SnapshotService service = new SnapshotService(
                    new FileSnapshotStore(dir.resolve("state")),
                    targets,
                    new FileStateStore(dir.resolve("state"), clock),
                    clock);
            SnapshotManifest m = service.save(config, "staging", "api", ReleaseName.parse("v1.0.0"), "test");
            System.out.println("saved " + m.files().get(0).size());
            Files.writeString(dir.resolve("target/deploy/big.bin"), "broken by the bad deploy");
            RestoreResult r = service.restore(config, "staging", "api", Optional.of(m.id()), false, "test");
            System.out.println("restored " + r.status() + " verified=" + r.verified());
        }
    }
}
