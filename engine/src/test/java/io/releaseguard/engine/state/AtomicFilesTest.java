package io.releaseguard.engine.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.releaseguard.engine.testing.ChildJvm;
import io.releaseguard.engine.testing.ChildMain;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void createsThenReplacesAndLeavesNoTemporaryFile() throws IOException {
        Path target = dir.resolve("sub/state.json");

        AtomicFiles.write(target, bytes("first"));
        AtomicFiles.write(target, bytes("second"));

        assertThat(Files.readString(target)).isEqualTo("second");
        try (Stream<Path> files = Files.list(target.getParent())) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void aFailedRenameLeavesTheOldTargetAndNoTemporaryFile() throws IOException {
        Path target = dir.resolve("busy");
        Files.createDirectories(target.resolve("child"));

        assertThatThrownBy(() -> AtomicFiles.write(target, bytes("new"))).isInstanceOf(IOException.class);

        assertThat(target).isDirectory();
        assertThat(target.resolve("child")).isDirectory();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void aConcurrentReaderSeesTheOldOrTheNewContentNeverAMix() throws Exception {
        Path target = dir.resolve("flip");
        AtomicFiles.write(target, ChildMain.CONTENT_A);
        AtomicBoolean done = new AtomicBoolean();
        AtomicInteger reads = new AtomicInteger();
        CountDownLatch readerStarted = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            readerStarted.countDown();
            while (!done.get()) {
                assertWhole(target);
                reads.incrementAndGet();
            }
        });
        reader.start();
        readerStarted.await();
        for (int i = 0; i < 200; i++) {
            AtomicFiles.write(target, i % 2 == 0 ? ChildMain.CONTENT_B : ChildMain.CONTENT_A);
        }
        done.set(true);
        reader.join();

        assertThat(reads.get()).isPositive();
        assertThat(Files.readAllBytes(target)).isEqualTo(ChildMain.CONTENT_A);
    }

    @Test
    void secretsAreOwnerOnly() throws IOException {
        Assumptions.assumeTrue(
                FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path target = dir.resolve("token");

        AtomicFiles.writeSecret(target, bytes("s3cret"));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target)))
                .isEqualTo("rw-------");
        assertThat(Files.readString(target)).isEqualTo("s3cret");
    }

    @Test
    @Timeout(60)
    void killingTheWriterLeavesTheOldOrTheNewContent() throws Exception {
        long seed = new Random().nextLong();
        System.out.println("AtomicFilesTest kill seed: " + seed);
        Random random = new Random(seed);
        Path target = dir.resolve("flip");
        for (int run = 0; run < 8; run++) {
            try (ChildJvm child = ChildJvm.start(ChildMain.class, "atomic-loop", target.toString())) {
                int writes = 1 + random.nextInt(30);
                for (int i = 0; i < writes; i++) {
                    assertThat(child.readLine()).isEqualTo("wrote");
                }
                child.kill();
            }
            assertWhole(target);
        }
    }

    private static void assertWhole(Path target) {
        try {
            byte[] content = Files.readAllBytes(target);
            if (!Arrays.equals(content, ChildMain.CONTENT_A) && !Arrays.equals(content, ChildMain.CONTENT_B)) {
                fail("partial content: " + content.length + " bytes");
            }
        } catch (IOException e) {
            fail("unreadable: " + e);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
