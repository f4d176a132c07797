package io.releaseguard.engine.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releaseguard.engine.target.Streams;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store's streaming side: staging while hashing, and reading back with the hash checked before the end. */
class BlobStreamingTest {
    @TempDir
    Path tmp;

    private final byte[] content = random(Streams.BUFFER * 5 + 3);

    @Test
    void stagedContentIsOwnerOnlyHashedAndRenamedToItsAddressOrDroppedWhenUnfinished() throws Exception {
        FileSnapshotStore store = new FileSnapshotStore(tmp);
        StagedBlob blob;
        try (BlobSink sink = store.stage()) {
            for (int off = 0; off < content.length; off += 1000) {
                sink.write(content, off, Math.min(1000, content.length - off));
            }
            blob = sink.finish();
        }
        assertThat(blob.sha256()).isEqualTo(Sha256.hex(content));
        assertThat(blob.size()).isEqualTo(content.length);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(blob.file())))
                .isEqualTo("rw-------");

        Path abandoned;
        try (BlobSink sink = store.stage()) {
            sink.write(content, 0, 10);
            abandoned = onlyOtherStagedFile(blob.file());
        }
        assertThat(abandoned).as("an unfinished sink leaves nothing behind").doesNotExist();

        store.save(manifest(blob), List.of(blob));
        assertThat(blob.file()).doesNotExist();
        assertThat(store.blob(blob.sha256())).isEqualTo(content);
        try (InputStream in = store.open(blob.sha256())) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
    }

    @Test
    void aDamagedBlobFailsBeforeItsLastBytesAreHandedOut() throws Exception {
        String sha256 = Sha256.hex(content);
        Path file =
                tmp.resolve("snapshots/blobs").resolve(sha256.substring(0, 2)).resolve(sha256);
        Files.createDirectories(file.getParent());
        byte[] damaged = content.clone();
        damaged[damaged.length - 1] ^= 1;
        Files.write(file, damaged);
        FileSnapshotStore store = new FileSnapshotStore(tmp);

        ByteArrayOutputStream received = new ByteArrayOutputStream();
        try (InputStream in = store.open(sha256)) {
            assertThatThrownBy(() -> in.transferTo(received))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("snapshot content is damaged");
        }
        assertThat(received.size()).as("the reader never sees the whole stream").isLessThan(content.length);
        assertThatThrownBy(() -> store.verify(sha256)).hasMessageContaining("snapshot content is damaged");
    }

    @Test
    void copiesStopAtTheirLimitAndExactCopiesRefuseAnyOtherLength() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(Streams.copyAtMost(new ByteArrayInputStream(content), out, 100))
                .isGreaterThan(100);
        assertThat(out.size()).as("never more than the limit reaches the sink").isEqualTo(100);
        assertThatThrownBy(() -> Streams.copyExactly(
                        new ByteArrayInputStream(content), new ByteArrayOutputStream(), content.length + 1))
                .hasMessageContaining("shorter");
        assertThatThrownBy(() -> Streams.copyExactly(
                        new ByteArrayInputStream(content), new ByteArrayOutputStream(), content.length - 1))
                .hasMessageContaining("longer");
    }

    private Path onlyOtherStagedFile(Path finished) throws IOException {
        try (var files = Files.list(finished.getParent())) {
            return files.filter(p -> !p.equals(finished)).findFirst().orElseThrow();
        }
    }

    private static SnapshotManifest manifest(StagedBlob blob) {
        return new SnapshotManifest(
                "20261208T010000Z-0000abcd",
                "api",
                "staging",
                "v1",
                Instant.parse("2026-12-08T01:00:00Z"),
                "test",
                List.of(SnapshotFile.present("deploy/big.bin", blob.sha256(), blob.size(), false, 0644)),
                List.of(),
                null,
                null);
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(3).nextBytes(bytes);
        return bytes;
    }
}
