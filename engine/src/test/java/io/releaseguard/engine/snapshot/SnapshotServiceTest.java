package io.releaseguard.engine.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.audit.AuditRecord;
import io.releaseguard.engine.config.ConfigLoader;
import io.releaseguard.engine.config.ReleaseGuardConfig;
import io.releaseguard.engine.release.ReleaseName;
import io.releaseguard.engine.state.Deployment;
import io.releaseguard.engine.state.FileStateStore;
import io.releaseguard.engine.state.Outcome;
import io.releaseguard.engine.target.Targets;
import io.releaseguard.engine.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotServiceTest {
    static final String COMPOSE = "services:\n  api:\n    image: ghcr.io/acme/api:1.4.2\n";
    static final String ENV = "DB_PASSWORD=hunter2-very-secret\n# comment\nAPI_KEY=abc123\n";
    static final byte[] BINARY = {0, 1, 2, (byte) 0xff, (byte) 0xfe, '\n', '\r', 0};

    @TempDir
    Path tmp;

    private final MutableClock clock = MutableClock.at("2026-11-22T10:00:00Z");
    private Path dir;
    private FileStateStore state;
    private SnapshotService service;
    private ReleaseGuardConfig config;

    @BeforeEach
    void setUp() throws Exception {
        dir = writeDeployFiles(tmp.resolve("target"));
        config = config("restore: \"echo up >> restore.log\"", 2);
        state = new FileStateStore(tmp.resolve("state"), clock);
        service = new SnapshotService(new FileSnapshotStore(tmp.resolve("state")), Targets.fromConfig(), state, clock);
    }

    /** A compose file, a secret .env and a binary file under {@code dir/deploy}; returns {@code dir}. */
    static Path writeDeployFiles(Path dir) throws Exception {
        Files.createDirectories(dir.resolve("deploy"));
        Files.writeString(dir.resolve("deploy/docker-compose.yml"), COMPOSE);
        Files.writeString(dir.resolve("deploy/.env"), ENV);
        Files.setPosixFilePermissions(dir.resolve("deploy/.env"), PosixFilePermissions.fromString("rw-------"));
        Files.write(dir.resolve("deploy/blob.bin"), BINARY);
        return dir;
    }

    /** What a bad deploy does: a broken compose file, a lost .env, a changed binary, a new file. */
    static void breakDeployFiles(Path dir) throws Exception {
        Files.writeString(dir.resolve("deploy/docker-compose.yml"), "broken: [");
        Files.delete(dir.resolve("deploy/.env"));
        Files.write(dir.resolve("deploy/blob.bin"), new byte[] {9});
        Files.writeString(dir.resolve("deploy/later.conf"), "added by the bad deploy");
    }

    private ReleaseGuardConfig config(String restoreLine, int keep) throws Exception {
        String yaml = "version: 1\n"
                + "environments:\n  - name: staging\n"
                + "services:\n  - name: api\n"
                + "    snapshot:\n"
                + "      files: [deploy/docker-compose.yml, deploy/.env, deploy/blob.bin, deploy/later.conf]\n"
                + "      images: { command: \"printf 'ghcr.io/acme/api:1.4.2\\\\n'\" }\n"
                + "      " + restoreLine + "\n"
                + "    keepSnapshots: " + keep + "\n"
                + "    targets:\n      staging: { dir: target }\n";
        return ConfigLoader.parse(yaml, "release-guard.yaml", tmp);
    }

    private SnapshotManifest save(String release) throws ReleaseGuardException {
        return service.save(config, "staging", "api", ReleaseName.parse(release), "alice");
    }

    @Test
    void snapshotBreakRestoreReturnsEveryByteVerifiedByHash() throws Exception {
        Map<String, String> before = hashes();
        SnapshotManifest m = save("v2");
        assertThat(m.images()).containsExactly("ghcr.io/acme/api:1.4.2");
        assertThat(m.files())
                .extracting(SnapshotFile::path, SnapshotFile::absent)
                .contains(org.assertj.core.groups.Tuple.tuple("deploy/later.conf", true));

        breakDeployFiles(dir);

        RestoreResult r = service.restore(config, "staging", "api", Optional.empty(), false, "bob");

        assertThat(r.status()).isEqualTo(RestoreResult.Status.RESTORED);
        assertThat(r.verified()).isTrue();
        assertThat(r.changes())
                .extracting(FileChange::action)
                .containsExactly(
                        FileChange.Action.REPLACE,
                        FileChange.Action.CREATE,
                        FileChange.Action.REPLACE,
                        FileChange.Action.DELETE);
        assertThat(hashes()).isEqualTo(before);
        assertThat(Files.readAllBytes(dir.resolve("deploy/blob.bin"))).isEqualTo(BINARY);
        assertThat(dir.resolve("deploy/later.conf")).doesNotExist();
        assertThat(Files.readString(dir.resolve("restore.log"))).isEqualTo("up\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("deploy/.env"))))
                .isEqualTo("rw-------");
        List<AuditRecord> audit = state.audit().read().records();
        assertThat(audit)
                .extracting(rec -> rec.action() + " " + rec.verdict())
                .containsExactly("snapshot.save SAVED", "snapshot.restore RESTORED");
        assertThat(audit.toString()).doesNotContain("hunter2");
    }

    @Test
    void dryRunReportsChangesAndTouchesNothing() throws Exception {
        save("v2");
        Files.writeString(dir.resolve("deploy/docker-compose.yml"), "broken");
        RestoreResult r = service.restore(config, "staging", "api", Optional.empty(), true, "bob");
        assertThat(r.status()).isEqualTo(RestoreResult.Status.DRY_RUN);
        assertThat(r.changes())
                .extracting(FileChange::action)
                .containsExactly(
                        FileChange.Action.REPLACE,
                        FileChange.Action.UNCHANGED,
                        FileChange.Action.UNCHANGED,
                        FileChange.Action.UNCHANGED);
        assertThat(Files.readString(dir.resolve("deploy/docker-compose.yml"))).isEqualTo("broken");
        assertThat(dir.resolve("restore.log")).doesNotExist();
    }

    @Test
    void secretsAreStoredOwnerOnlyAndShownMasked() throws Exception {
        SnapshotManifest m = save("v2");
        try (Stream<Path> files = Files.walk(tmp.resolve("state/snapshots"))) {
            for (Path f : files.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().equals(".lock"))
                    .toList()) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
                        .as(f.toString())
                        .isEqualTo("rw-------");
            }
        }
        SnapshotView view = service.show("staging", "api", m.id());
        assertThat(view.files())
                .filteredOn(f -> f.path().equals("deploy/.env"))
                .singleElement()
                .satisfies(f -> assertThat(f.content()).isEqualTo("DB_PASSWORD=****\n# ****\nAPI_KEY=****"))
                .satisfies(f -> assertThat(f.sha256()).isNull());
        assertThat(view.files())
                .filteredOn(f -> f.path().equals("deploy/docker-compose.yml"))
                .singleElement()
                .satisfies(f -> assertThat(f.content()).isEqualTo(COMPOSE));
        assertThat(view.toString()).doesNotContain("hunter2", "abc123");
    }

    @Test
    void defaultRestoreUsesTheSnapshotLinkedToTheCurrentDeploymentAndSaysWhatItHolds() throws Exception {
        state.recordDeployment(new Deployment(
                "d-v1", "staging", "v1", List.of("api"), clock.instant(), clock.instant(), Outcome.SUCCEEDED, "p1"));
        clock.advance(Duration.ofMinutes(5));
        state.recordDeployment(
                new Deployment("d-v2", "staging", "v2", List.of("api"), clock.instant(), null, Outcome.RUNNING, "p2"));
        // Same instant as the deployment's start: only the link can tell this snapshot from one taken before d-v1.
        SnapshotManifest forV2 =
                service.save(config, "staging", "api", ReleaseName.parse("v2"), Optional.of("d-v2"), "zoe");
        clock.advance(Duration.ofMinutes(1));
        save("v3");

        RestoreResult r = service.restore(config, "staging", "api", Optional.empty(), true, "bob");

        assertThat(forV2.deployment()).isEqualTo("d-v2");
        assertThat(forV2.holds()).isEqualTo("v1");
        assertThat(r.snapshotId()).isEqualTo(forV2.id());
        assertThat(r.snapshot()).isEqualTo("snapshot taken before v2 — holds v1's files");
        assertThat(r.chosen()).isEqualTo("taken for deployment d-v2 of v2, the current one of api in staging");
    }

    @Test
    void aManifestWrittenBeforeSnapshotsWereLinkedStillRestoresByTheExplicitFallback() throws Exception {
        clock.advance(Duration.ofMinutes(5));
        state.recordDeployment(
                new Deployment("d-v2", "staging", "v2", List.of("api"), clock.instant(), null, Outcome.RUNNING, "p2"));
        clock.advance(Duration.ofMillis(24));
        SnapshotManifest m = service.save(config, "staging", "api", ReleaseName.parse("v2"), Optional.of("d-v2"), "z");
        Path file = tmp.resolve("state/snapshots/staging/api/" + m.id() + ".json");
        String json = Files.readString(file);
        String legacy = json.replaceAll(",\\s*\"deployment\"\\s*:\\s*\"d-v2\"", "")
                .replaceAll(",\\s*\"holds\"\\s*:\\s*null", "");
        assertThat(legacy).doesNotContain("deployment", "holds");
        Files.writeString(file, legacy);

        RestoreResult r = service.restore(config, "staging", "api", Optional.empty(), true, "bob");

        assertThat(r.snapshotId()).isEqualTo(m.id());
        assertThat(r.snapshot())
                .isEqualTo("snapshot taken before v2 — the release whose files it holds was not recorded");
        assertThat(r.chosen())
                .startsWith("no snapshot is linked to deployment d-v2 of v2")
                .contains("saved by hand or by an older release-guard: matched by release and time");
    }

    @Test
    void keepsOnlyKeepSnapshotsAndCollectsTheirBlobs() throws Exception {
        for (int i = 0; i < 3; i++) {
            Files.writeString(dir.resolve("deploy/docker-compose.yml"), "version " + i);
            save("v" + i);
            clock.advance(Duration.ofMinutes(1));
        }
        List<SnapshotManifest> kept = service.list("staging", "api");
        assertThat(kept).extracting(SnapshotManifest::release).containsExactly("v1", "v2");
        try (Stream<Path> blobs = Files.walk(tmp.resolve("state/snapshots/blobs"))) {
            assertThat(blobs.filter(Files::isRegularFile).count()).isEqualTo(4); // 2 compose + .env + blob.bin
        }
    }

    @Test
    void aSaveThatDiedBeforeItsManifestIsNeverOffered() throws Exception {
        // What a crash between the blobs and the manifest leaves behind: a blob and AtomicFiles' temporary file.
        Path manifests = Files.createDirectories(tmp.resolve("state/snapshots/staging/api"));
        Files.writeString(manifests.resolve(".20261122T100000Z-deadbeef.json.4711.tmp"), "{\"id\": \"2026");
        String hash = Sha256.hex(COMPOSE.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Files.createDirectories(tmp.resolve("state/snapshots/blobs/" + hash.substring(0, 2)));
        Files.writeString(tmp.resolve("state/snapshots/blobs/" + hash.substring(0, 2) + "/" + hash), COMPOSE);

        assertThat(service.list("staging", "api")).isEmpty();
        assertThatThrownBy(() -> service.restore(config, "staging", "api", Optional.empty(), true, "bob"))
                .isInstanceOfSatisfying(ReleaseGuardException.class, e -> assertThat(e.exitCode())
                        .isEqualTo(ExitCode.ROLLBACK_FAILED))
                .hasMessage("NO_SNAPSHOT: api in staging: no snapshot and no deployment on record");
    }

    @Test
    void aDamagedBlobIsRefusedBeforeTheTargetIsTouched() throws Exception {
        SnapshotManifest m = save("v2");
        String hash = m.files().get(0).sha256();
        Files.writeString(tmp.resolve("state/snapshots/blobs/" + hash.substring(0, 2) + "/" + hash), "tampered");
        Files.writeString(dir.resolve("deploy/docker-compose.yml"), "broken");
        assertThatThrownBy(() -> service.restore(config, "staging", "api", Optional.of(m.id()), false, "bob"))
                .isInstanceOfSatisfying(ReleaseGuardException.class, e -> assertThat(e.exitCode())
                        .isEqualTo(ExitCode.ROLLBACK_FAILED))
                .hasMessageContaining("snapshot content is damaged");
        assertThat(Files.readString(dir.resolve("deploy/docker-compose.yml"))).isEqualTo("broken");
    }

    @Test
    void aPathOutsideTheDeclaredFilesIsRefused() throws Exception {
        SnapshotManifest m = save("v2");
        FileSnapshotStore store = new FileSnapshotStore(tmp.resolve("state"));
        SnapshotManifest forged = new SnapshotManifest(
                "forged",
                "api",
                "staging",
                "v2",
                m.takenAt(),
                "mallory",
                List.of(
                        m.files().get(0),
                        new SnapshotFile(
                                "deploy/../../etc/cron.d/x", m.files().get(0).sha256(), 1, false, false)),
                List.of(),
                null,
                null);
        store.save(forged, List.of());
        assertThatThrownBy(() -> service.restore(config, "staging", "api", Optional.of("forged"), false, "bob"))
                .hasMessageContaining("is refused");
        SnapshotManifest undeclared = new SnapshotManifest(
                "undeclared",
                "api",
                "staging",
                "v2",
                m.takenAt(),
                "mallory",
                List.of(new SnapshotFile("deploy/run.sh", m.files().get(0).sha256(), 1, false, false)),
                List.of(),
                null,
                null);
        store.save(undeclared, List.of());
        assertThatThrownBy(() -> service.restore(config, "staging", "api", Optional.of("undeclared"), false, "bob"))
                .hasMessageContaining("UNDECLARED_PATH");
    }

    @Test
    void aSymlinkPlantedOnTheTargetIsNotFollowed() throws Exception {
        SnapshotManifest m = save("v2");
        Path outside = Files.writeString(tmp.resolve("outside.txt"), "do not touch");
        Files.delete(dir.resolve("deploy/.env"));
        Files.createSymbolicLink(dir.resolve("deploy/.env"), outside);
        assertThatThrownBy(() -> service.restore(config, "staging", "api", Optional.of(m.id()), false, "bob"))
                .hasMessageContaining("symbolic link");
        assertThat(Files.readString(outside)).isEqualTo("do not touch");
    }

    @Test
    void aFailingRestoreCommandIsRetriedAtMostThreeTimesAndReportedAsFailed() throws Exception {
        config = config("restore: \"echo try >> attempts.log; exit 7\"", 10);
        save("v2");
        RestoreResult r = service.restore(config, "staging", "api", Optional.empty(), false, "bob");
        assertThat(r.status()).isEqualTo(RestoreResult.Status.RESTORE_FAILED);
        assertThat(r.commandAttempts()).isEqualTo(SnapshotService.RESTORE_ATTEMPTS);
        assertThat(r.commandExit()).isEqualTo(7);
        assertThat(Files.readAllLines(dir.resolve("attempts.log"))).hasSize(3);
        assertThat(state.audit().read().records().get(1).reason()).contains("failed 3 time(s), last exit 7");
    }

    private Map<String, String> hashes() throws Exception {
        Map<String, String> out = new java.util.TreeMap<>();
        for (String f : List.of("deploy/docker-compose.yml", "deploy/.env", "deploy/blob.bin", "deploy/later.conf")) {
            Path p = dir.resolve(f);
            out.put(f, Files.exists(p) ? Sha256.hex(Files.readAllBytes(p)) : "absent");
        }
        return out;
    }
}
