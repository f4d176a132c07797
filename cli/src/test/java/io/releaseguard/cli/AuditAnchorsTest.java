package io.releaseguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseguard.engine.audit.AuditCodec;
import io.releaseguard.engine.audit.AuditEntry;
import io.releaseguard.engine.audit.AuditRecord;
import io.releaseguard.engine.state.FileStateStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12 item 16: every release manifest anchors the audit log (the record count and the hash of the last record
 * when it was written, and each approval's own record), so {@code audit verify} detects a truncated log and a record
 * edited with the whole chain recomputed after it.
 */
class AuditAnchorsTest {
    @TempDir
    Path tmp;

    private Path config;
    private Path stateDir;
    private Path log;

    @BeforeEach
    void setUp() throws Exception {
        config = tmp.resolve("release-guard.yaml");
        Files.writeString(
                config,
                """
                version: 1
                environments:
                  - name: testnet
                  - name: mainnet
                    approvals: { required: 1, reviewers: [bob, carol] }
                """);
        stateDir = tmp.resolve("state");
        log = stateDir.resolve("audit.jsonl");
        assertThat(run("promote", "--release", "sha-abc1234", "--to", "testnet", "--as", "zoe")
                        .code())
                .isZero();
        assertThat(run("promote", "--release", "sha-abc1234", "--to", "mainnet", "--as", "zoe")
                        .code())
                .isEqualTo(2);
        String id = new FileStateStore(stateDir, CliRunner.CLOCK)
                .promotions(java.util.Optional.of("mainnet"))
                .get(0)
                .id();
        assertThat(run("approve", "--promotion", id, "--as", "bob").code()).isZero();
        CliRunner.Result live = run("promote", "--release", "sha-abc1234", "--to", "mainnet", "--as", "zoe");
        assertThat(live.code()).as(live.out() + live.err()).isZero();
        CliRunner.Result intact = run("audit", "verify");
        assertThat(intact.code()).as(intact.out()).isZero();
        assertThat(intact.out()).contains("audit log intact").contains(", 3 manifest anchors checked");
    }

    private CliRunner.Result run(String... args) {
        List<String> all = new ArrayList<>(List.of("--config", config.toString(), "--state-dir", stateDir.toString()));
        all.addAll(List.of(args));
        return CliRunner.run(all.toArray(String[]::new));
    }

    @Test
    void aTruncatedLogIsBroken() throws Exception {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        Files.write(log, lines.subList(0, 3), StandardCharsets.UTF_8);

        CliRunner.Result r = run("audit", "verify");

        assertThat(r.code()).as(r.out()).isEqualTo(4);
        assertThat(r.out())
                .contains("audit log BROKEN: ")
                .contains(Path.of("manifests", "testnet", "sha-abc1234", "release-manifest.json") + " auditHead"
                        + " anchors record 4 with hash ")
                .contains("but the log has only 3 records (truncated?)");
    }

    @Test
    void anEditedRecordWithTheChainRecomputedIsBroken() throws Exception {
        List<AuditRecord> records =
                new FileStateStore(stateDir, CliRunner.CLOCK).audit().read().records();
        StringBuilder rewritten = new StringBuilder();
        String prev = AuditRecord.GENESIS_HASH;
        for (AuditRecord r : records) {
            AuditEntry e = r.entry();
            if (r.seq() == 2) {
                e = new AuditEntry(
                        "mallory", e.action(), e.environment(), e.subject(), e.verdict(), e.reason(), e.details());
            }
            AuditRecord sealed = AuditCodec.seal(r.seq(), r.at(), e, prev);
            rewritten.append(new String(AuditCodec.line(sealed), StandardCharsets.UTF_8));
            prev = sealed.hash();
        }
        Files.writeString(log, rewritten.toString());
        assertThat(new FileStateStore(stateDir, CliRunner.CLOCK)
                        .audit()
                        .verify()
                        .ok())
                .as("the chain alone cannot tell")
                .isTrue();

        CliRunner.Result r = run("audit", "verify");

        assertThat(r.code()).as(r.out()).isEqualTo(4);
        assertThat(r.out()).contains("audit log BROKEN: ").contains("does not match the record at that position");
    }
}
