package io.releaseguard.engine.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.config.ConfigException;
import io.releaseguard.engine.config.ConfigLoader;
import io.releaseguard.engine.config.ReleaseGuardConfig;
import io.releaseguard.engine.release.ReleaseName;
import io.releaseguard.engine.state.FileStateStore;
import io.releaseguard.engine.target.TargetPaths;
import io.releaseguard.engine.target.Targets;
import io.releaseguard.engine.testing.MutableClock;
import java.io.FileOutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a snapshot may read on a local target, and what a restore gives back: bytes and permission bits. */
class SnapshotFilesTest {
    @TempDir
    Path tmp;

    private final MutableClock clock = MutableClock.at("2026-11-22T10:00:00Z");

    private ReleaseGuardConfig config(String files, String extra) throws Exception {
        String yaml = "version: 1\n"
                + "environments:\n  - name: staging\n"
                + "services:\n  - name: api\n"
                + "    snapshot:\n"
                + "      files: [" + files + "]\n"
                + extra
                + "    targets:\n      staging: { dir: target }\n";
        return ConfigLoader.parse(yaml, "release-guard.yaml", tmp);
    }

    private SnapshotService service() throws ReleaseGuardException {
        return new SnapshotService(
                new FileSnapshotStore(tmp.resolve("state")),
                Targets.fromConfig(),
                new FileStateStore(tmp.resolve("state"), clock),
                clock);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "./deploy/a",
                "deploy\\\\..\\\\x",
                "deploy//a",
                "deploy/./a",
                "deploy/",
                "/etc/passwd",
                "../x",
                "deploy/.env",
                "a..b/c"
            })
    void validateAcceptsExactlyThePathsATargetAccepts(String path) {
        boolean runtimeAccepts = TargetPaths.problem(path).isEmpty();
        String quoted = "'" + path.replace("'", "''") + "'";

        if (runtimeAccepts) {
            assertThat(catchConfig(quoted)).isNull();
        } else {
            assertThat(catchConfig(quoted))
                    .isNotNull()
                    .hasMessageContaining("services[0].snapshot.files[0]: \"" + path + "\" is refused: ");
        }
    }

    private ConfigException catchConfig(String files) {
        try {
            config(files, "");
            return null;
        } catch (ConfigException e) {
            return e;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aFifoAtASnapshotPathIsRefusedInsteadOfBlockingTheSave() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("target/deploy"));
        Files.writeString(dir.resolve("app.conf"), "a=1\n");
        Process mkfifo = new ProcessBuilder("mkfifo", dir.resolve("pipe").toString()).start();
        assertThat(mkfifo.waitFor()).isZero();
        ReleaseGuardConfig config = config("deploy/app.conf, deploy/pipe", "");

        SnapshotService service = service();
        CompletableFuture<Throwable> save = CompletableFuture.supplyAsync(() -> {
            try {
                service.save(config, "staging", "api", ReleaseName.parse("v2"), "alice");
                return null;
            } catch (ReleaseGuardException e) {
                return e;
            }
        });
        Throwable refused;
        try {
            refused = save.get(20, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            try (FileOutputStream unblock =
                    new FileOutputStream(dir.resolve("pipe").toFile())) {
                unblock.write('x'); // lets the blocked reader go before the test fails
            }
            throw new AssertionError("snapshot save blocked on the FIFO", e);
        }

        assertThat(refused)
                .isInstanceOf(ReleaseGuardException.class)
                .hasMessageContaining("deploy/pipe is not a regular file");
        assertThat(service().list("staging", "api")).isEmpty();
    }

    @Test
    void aFileOverTheConfiguredCapIsRefusedNamingItsSizeAndTheLimit() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("target/deploy"));
        Files.write(dir.resolve("big.bin"), new byte[2049]);
        ReleaseGuardConfig config = config("deploy/big.bin", "      maxFileBytes: 2KiB\n");

        assertThatThrownBy(() -> service().save(config, "staging", "api", ReleaseName.parse("v2"), "alice"))
                .hasMessageContaining("FILE_TOO_LARGE: local:")
                .hasMessageContaining("deploy/big.bin is 2049 bytes; a snapshot file may be at most 2048 bytes");
        assertThat(service().list("staging", "api")).isEmpty();
    }

    @Test
    void aThreeGigabyteFileIsRefusedByTheDefaultCapWithoutBeingRead() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("target/deploy"));
        try (RandomAccessFile f = new RandomAccessFile(dir.resolve("huge.img").toFile(), "rw")) {
            f.setLength(3L * 1024 * 1024 * 1024); // sparse: no 3 GB written
        }
        ReleaseGuardConfig config = config("deploy/huge.img", "");
        long start = System.nanoTime();

        assertThatThrownBy(() -> service().save(config, "staging", "api", ReleaseName.parse("v2"), "alice"))
                .hasMessageContaining("deploy/huge.img is 3221225472 bytes; a snapshot file may be at most 67108864");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void restoredFilesGetTheirPermissionBitsBackExactlySoTheRestoreHookCanRunThem() throws Exception {
        Path target = Files.createDirectories(tmp.resolve("target/deploy")).getParent();
        Path run = target.resolve("deploy/run.sh");
        Files.writeString(run, "#!/bin/sh\necho restored >> restore.log\n");
        Files.setPosixFilePermissions(run, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path conf = target.resolve("deploy/app.conf");
        Files.writeString(conf, "a=1\n");
        Files.setPosixFilePermissions(conf, PosixFilePermissions.fromString("rw-r-----"));
        Path env = target.resolve("deploy/.env");
        Files.writeString(env, "A=1\n");
        Files.setPosixFilePermissions(env, PosixFilePermissions.fromString("rw-r--r--"));
        ReleaseGuardConfig config =
                config("deploy/run.sh, deploy/app.conf, deploy/.env", "      restore: ./deploy/run.sh\n");
        SnapshotService service = service();
        service.save(config, "staging", "api", ReleaseName.parse("v2"), "alice");

        Files.delete(run); // a bad deploy: the script gone, the config changed, the env file's mode changed
        Files.writeString(conf, "a=2\n");
        Files.setPosixFilePermissions(env, PosixFilePermissions.fromString("rw-------"));
        RestoreResult r = service.restore(config, "staging", "api", Optional.empty(), false, "bob");

        assertThat(r.status()).as(r.toString()).isEqualTo(RestoreResult.Status.RESTORED);
        assertThat(r.commandExit()).isZero();
        assertThat(mode(run)).isEqualTo("rwxr-xr-x");
        assertThat(mode(conf)).isEqualTo("rw-r-----");
        assertThat(mode(env)).as("a mode-only change is restored too").isEqualTo("rw-r--r--");
        assertThat(Files.readString(target.resolve("restore.log"))).isEqualTo("restored\n");
        assertThat(r.changes())
                .extracting(c -> c.path() + " " + c.action())
                .containsExactly("deploy/run.sh CREATE", "deploy/app.conf REPLACE", "deploy/.env REPLACE");
    }

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }
}
