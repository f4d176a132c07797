package io.releaseguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseguard.engine.audit.AuditEntry;
import io.releaseguard.engine.state.Deployment;
import io.releaseguard.engine.state.FileStateStore;
import io.releaseguard.engine.state.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateCommandsTest {
    @TempDir
    Path tmp;

    @Test
    void historyListsDeploymentsNewestFirst() throws Exception {
        Path dir = tmp.resolve("state");
        FileStateStore store = new FileStateStore(dir, CliRunner.CLOCK);
        Instant t = Instant.parse("2026-11-20T10:00:00Z");
        store.recordDeployment(new Deployment(
                "d1", "testnet", "sha-1", List.of("api"), t, t.plusSeconds(60), Outcome.SUCCEEDED, "p1"));
        store.recordDeployment(new Deployment(
                "d2",
                "mainnet",
                "sha-1",
                List.of("api"),
                t.plusSeconds(3600),
                t.plusSeconds(3700),
                Outcome.ROLLED_BACK,
                "p2"));
        CliRunner.Result all = CliRunner.run("history", "--state-dir", dir.toString());
        assertThat(all.code()).isZero();
        assertThat(all.out().lines().toList()).hasSize(2);
        assertThat(all.out().lines().findFirst().orElseThrow()).contains("mainnet", "ROLLED_BACK");
        CliRunner.Result testnet =
                CliRunner.run("history", "--env", "testnet", "--json", "--state-dir", dir.toString());
        assertThat(testnet.out()).contains("\"id\":\"d1\"").doesNotContain("\"d2\"");
    }

    @Test
    void historyOnAFreshDirectoryCreatesNothing() {
        Path dir = tmp.resolve("none");
        CliRunner.Result r = CliRunner.run("history", "--state-dir", dir.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("no deployments recorded");
        assertThat(dir).doesNotExist();
    }

    @Test
    void auditVerifyPassesAnIntactLogAndFailsATamperedOneWithExit4() throws Exception {
        Path dir = tmp.resolve("state");
        FileStateStore store = new FileStateStore(dir, CliRunner.CLOCK);
        for (int i = 0; i < 3; i++) {
            store.audit().append(new AuditEntry("alice", "approve", "mainnet", "promo-" + i, "APPROVED", "looks good"));
        }
        CliRunner.Result ok = CliRunner.run("audit", "verify", "--state-dir", dir.toString());
        assertThat(ok.code()).isZero();
        assertThat(ok.out()).contains("audit log intact: 3 records");

        Path log = dir.resolve("audit.jsonl");
        Files.writeString(log, Files.readString(log).replace("\"actor\":\"alice\"", "\"actor\":\"mallory\""));
        CliRunner.Result broken = CliRunner.run("--state-dir", dir.toString(), "audit", "verify");
        assertThat(broken.code()).isEqualTo(4);
        assertThat(broken.out()).contains("audit log BROKEN: record 1: hash mismatch (tampered)");
    }
}
