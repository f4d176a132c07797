package io.releaseguard.engine.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releaseguard.engine.config.ConfigLoader;
import io.releaseguard.engine.config.ReleaseGuardConfig;
import io.releaseguard.engine.release.ReleaseName;
import io.releaseguard.engine.state.FileStateStore;
import io.releaseguard.engine.target.Target;
import io.releaseguard.engine.target.Targets;
import io.releaseguard.engine.testing.MutableClock;
import io.releaseguard.engine.testing.SshHosts;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Snapshot and restore over SSH through a bastion: two real OpenSSH daemons on loopback (bastion and target), host
 * keys checked against a generated known_hosts, a generated client key.
 */
class SshSnapshotIT {
    private static final List<String> FILES =
            List.of("deploy/docker-compose.yml", "deploy/.env", "deploy/blob.bin", "deploy/later.conf");

    @TempDir
    static Path tmp;

    private static SshHosts hosts;

    @BeforeAll
    static void startDaemons() throws Exception {
        hosts = SshHosts.start(tmp);
    }

    @AfterAll
    static void stopDaemons() {
        if (hosts != null) {
            hosts.close();
        }
    }

    private ReleaseGuardConfig config(Path dir, String knownHosts) throws Exception {
        String yaml = "version: 1\n"
                + "environments:\n  - name: mainnet\n"
                + "services:\n  - name: api\n"
                + "    snapshot:\n"
                + "      files: [" + String.join(", ", FILES) + "]\n"
                + "      images: { command: \"cat deploy/images.txt\" }\n"
                + "      restore: \"echo up >> restore.log\"\n"
                + "    targets:\n"
                + "      mainnet:\n"
                + hosts.targetYaml(dir, knownHosts, 8);
        return ConfigLoader.parse(yaml, "release-guard.yaml", tmp);
    }

    @Test
    void snapshotBreakRestoreOverSshThroughABastionReturnsEveryByte() throws Exception {
        Path dir = SnapshotServiceTest.writeDeployFiles(tmp.resolve("srv-api"));
        Files.writeString(dir.resolve("deploy/images.txt"), "ghcr.io/acme/api@sha256:0123\n");
        Map<String, String> before = hashes(dir);

        SnapshotService service = service("state");
        ReleaseGuardConfig config = config(dir, "known_hosts");

        SnapshotManifest m = service.save(config, "mainnet", "api", ReleaseName.parse("v2"), "alice");
        assertThat(m.images()).containsExactly("ghcr.io/acme/api@sha256:0123");
        hosts.bastion().await("direct-tcpip");

        SnapshotServiceTest.breakDeployFiles(dir);
        assertThat(hashes(dir)).isNotEqualTo(before);

        RestoreResult r = service.restore(config, "mainnet", "api", Optional.empty(), false, "bob");

        assertThat(r.status()).isEqualTo(RestoreResult.Status.RESTORED);
        assertThat(r.target()).startsWith("ssh:").contains(" via ");
        assertThat(hashes(dir)).isEqualTo(before);
        assertThat(Files.readAllBytes(dir.resolve("deploy/blob.bin"))).isEqualTo(SnapshotServiceTest.BINARY);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("deploy/.env"))))
                .isEqualTo("rw-------");
        assertThat(Files.readString(dir.resolve("restore.log"))).isEqualTo("up\n");
    }

    @Test
    void overSshModesComeBackExactlyAFifoIsRefusedAndTheCapHolds() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("srv-modes/deploy")).getParent();
        Path run = dir.resolve("deploy/run.sh");
        Files.writeString(run, "#!/bin/sh\necho restored >> restore.log\n");
        Files.setPosixFilePermissions(run, PosixFilePermissions.fromString("rwxr-x---"));
        Path env = dir.resolve("deploy/.env");
        Files.writeString(env, "A=1\n");
        Files.setPosixFilePermissions(env, PosixFilePermissions.fromString("rw-r-----"));
        String yaml = "version: 1\n"
                + "environments:\n  - name: mainnet\n"
                + "services:\n  - name: api\n"
                + "    snapshot:\n"
                + "      files: [deploy/run.sh, deploy/.env, deploy/pipe, deploy/big.bin]\n"
                + "      maxFileBytes: 1KiB\n"
                + "      restore: ./deploy/run.sh\n"
                + "    targets:\n"
                + "      mainnet:\n"
                + hosts.targetYaml(dir, "known_hosts", 8);
        ReleaseGuardConfig config = ConfigLoader.parse(yaml, "release-guard.yaml", tmp);
        SnapshotService service = service("state-modes");

        Files.write(dir.resolve("deploy/big.bin"), new byte[1025]);
        assertThatThrownBy(() -> service.save(config, "mainnet", "api", ReleaseName.parse("v2"), "alice"))
                .hasMessageContaining("FILE_TOO_LARGE: ssh:")
                .hasMessageContaining("deploy/big.bin is 1025 bytes; a snapshot file may be at most 1024 bytes");
        Files.delete(dir.resolve("deploy/big.bin"));
        assertThat(new ProcessBuilder("mkfifo", dir.resolve("deploy/pipe").toString())
                        .start()
                        .waitFor())
                .isZero();
        assertThatThrownBy(() -> service.save(config, "mainnet", "api", ReleaseName.parse("v2"), "alice"))
                .hasMessageContaining("deploy/pipe is not a regular file");
        Files.delete(dir.resolve("deploy/pipe"));

        service.save(config, "mainnet", "api", ReleaseName.parse("v2"), "alice");
        Files.delete(run);
        Files.setPosixFilePermissions(env, PosixFilePermissions.fromString("rw-rw-rw-"));
        RestoreResult r = service.restore(config, "mainnet", "api", Optional.empty(), false, "bob");

        assertThat(r.status()).as(r.toString()).isEqualTo(RestoreResult.Status.RESTORED);
        assertThat(r.commandExit()).isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(run)))
                .isEqualTo("rwxr-x---");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(env)))
                .isEqualTo("rw-r-----");
        assertThat(Files.readString(dir.resolve("restore.log"))).isEqualTo("restored\n");
    }

    @Test
    void aChangedHostKeyFailsTheOperation() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("srv-changed/deploy")).getParent();
        String impostor = hosts.writeChangedKnownHosts("known_hosts_changed");
        SnapshotService service = service("state-changed");
        ReleaseGuardConfig config = config(dir, "known_hosts_changed");
        assertThatThrownBy(() -> service.save(config, "mainnet", "api", ReleaseName.parse("v2"), "alice"))
                .hasMessageContaining("ssh connection failed")
                .hasMessageContaining("REMOTE HOST IDENTIFICATION HAS CHANGED")
                .hasMessageContaining("never accepts unknown keys");
        assertThat(Files.readString(tmp.resolve("known_hosts_changed"))).contains(impostor);
    }

    @Test
    void anUnknownBastionKeyFailsTheOperation() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("srv-unknown/deploy")).getParent();
        Files.writeString(tmp.resolve("known_hosts_target_only"), hosts.target().knownHostsLine() + "\n");
        SnapshotService service = service("state-unknown");
        ReleaseGuardConfig config = config(dir, "known_hosts_target_only");
        assertThatThrownBy(() -> service.save(config, "mainnet", "api", ReleaseName.parse("v2"), "alice"))
                .hasMessageContaining("Host key verification failed");
        assertThat(Files.readString(tmp.resolve("known_hosts_target_only")).lines())
                .hasSize(1);
    }

    @Test
    void overSshContentIsStreamedBothWaysAndAStreamCutShortNeverReplacesTheFile() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("srv-stream/deploy")).getParent();
        Path big = dir.resolve("deploy/big.bin");
        byte[] content = new byte[3 * 1024 * 1024 + 11];
        new Random(7).nextBytes(content);
        Files.write(big, content);
        String yaml = "version: 1\n"
                + "environments:\n  - name: mainnet\n"
                + "services:\n  - name: api\n"
                + "    snapshot:\n"
                + "      files: [deploy/big.bin]\n"
                + "    targets:\n"
                + "      mainnet:\n"
                + hosts.targetYaml(dir, "known_hosts", 8);
        ReleaseGuardConfig config = ConfigLoader.parse(yaml, "release-guard.yaml", tmp);
        try (Target target = Targets.fromConfig()
                .open(config, "mainnet", config.service("api").orElseThrow())) {
            ByteArrayOutputStream read = new ByteArrayOutputStream();
            assertThat(target.read("deploy/big.bin", content.length, read)
                            .orElseThrow()
                            .size())
                    .isEqualTo(content.length);
            assertThat(read.toByteArray()).isEqualTo(content);

            assertThatThrownBy(() ->
                            target.writeAtomically("deploy/big.bin", new ByteArrayInputStream(new byte[10]), 11, 0644))
                    .as("fewer bytes than announced")
                    .hasMessageContaining("cannot write deploy/big.bin");
            try (var left = Files.list(big.getParent())) {
                assertThat(left.map(p -> p.getFileName().toString()))
                        .as("the remote side removed its temporary file")
                        .containsExactly("big.bin");
            }
            InputStream failing =
                    new SequenceInputStream(new ByteArrayInputStream(new byte[100_000]), new InputStream() {
                        @Override
                        public int read() throws IOException {
                            throw new IOException("snapshot content is damaged");
                        }
                    });
            assertThatThrownBy(() -> target.writeAtomically("deploy/big.bin", failing, 200_000, 0644))
                    .as("a stream that fails half-way")
                    .hasMessageContaining("snapshot content is damaged");
            // The killed client's remote side may still be removing its temporary file; the rename never comes.
            assertThat(Files.readAllBytes(big))
                    .as("the old file is still in place")
                    .isEqualTo(content);
        }
    }

    private static SnapshotService service(String stateDir) throws Exception {
        MutableClock clock = MutableClock.at("2026-11-22T10:00:00Z");
        return new SnapshotService(
                new FileSnapshotStore(tmp.resolve(stateDir)),
                Targets.fromConfig(),
                new FileStateStore(tmp.resolve(stateDir), clock),
                clock);
    }

    private static Map<String, String> hashes(Path dir) throws Exception {
        Map<String, String> out = new TreeMap<>();
        for (String f : FILES) {
            Path p = dir.resolve(f);
            out.put(f, Files.exists(p) ? Sha256.hex(Files.readAllBytes(p)) : "absent");
        }
        return out;
    }
}
