package io.releaseguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseguard.engine.testing.PromotionRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RollbackCommandsTest {
    @TempDir
    Path tmp;

    private String[] args(String... rest) {
        String[] all = new String[rest.length + 4];
        all[0] = "--config";
        all[1] = tmp.resolve("release-guard.yaml").toString();
        all[2] = "--state-dir";
        all[3] = tmp.resolve("state").toString();
        System.arraycopy(rest, 0, all, 4, rest.length);
        return all;
    }

    @Test
    void snapshotSaveListShowMaskedDryRunAndRestore() throws Exception {
        Path deploy = Files.createDirectories(tmp.resolve("srv/deploy"));
        Files.writeString(deploy.resolve("docker-compose.yml"), "image: api:1\n");
        Files.writeString(deploy.resolve(".env"), "DB_PASSWORD=hunter2\n");
        Files.writeString(
                tmp.resolve("release-guard.yaml"),
                "version: 1\nenvironments:\n  - name: staging\nservices:\n  - name: api\n    snapshot:\n"
                        + "      files: [deploy/docker-compose.yml, deploy/.env]\n      images: [ghcr.io/acme/api]\n"
                        + "    targets:\n      staging: { dir: srv }\n");

        CliRunner.Result saved =
                CliRunner.run(args("snapshot", "save", "--env", "staging", "--service", "api", "--release", "v2"));
        assertThat(saved.code()).as(saved.err()).isZero();
        assertThat(saved.out()).startsWith("saved snapshot 20261124T150000Z-").contains("2 file(s), 1 image(s)");

        CliRunner.Result list = CliRunner.run(args("snapshot", "list", "--env", "staging", "--service", "api"));
        assertThat(list.out()).contains("2026-11-24T15:00:00Z", "v2");

        CliRunner.Result show = CliRunner.run(args("snapshot", "show", "--env", "staging", "--service", "api"));
        assertThat(show.out())
                .contains(
                        "== deploy/.env (secret, 20 bytes, values and comments masked)",
                        "DB_PASSWORD=****",
                        "image: api:1")
                .doesNotContain("hunter2");

        Files.writeString(deploy.resolve("docker-compose.yml"), "image: api:2-broken\n");
        CliRunner.Result dry =
                CliRunner.run(args("snapshot", "restore", "--env", "staging", "--service", "api", "--dry-run"));
        assertThat(dry.out())
                .contains("would restore ", "REPLACE   deploy/docker-compose.yml", "UNCHANGED deploy/.env");
        assertThat(Files.readString(deploy.resolve("docker-compose.yml"))).isEqualTo("image: api:2-broken\n");

        CliRunner.Result restored = CliRunner.run(args("snapshot", "restore", "--env", "staging", "--service", "api"));
        assertThat(restored.code()).as(restored.err()).isZero();
        assertThat(restored.out()).contains("RESTORED", "files verified by hash: yes");
        assertThat(Files.readString(deploy.resolve("docker-compose.yml"))).isEqualTo("image: api:1\n");
    }

    private void gitPolicy(String provider) throws Exception {
        PromotionRepo.create(tmp);
        Files.writeString(
                tmp.resolve("release-guard.yaml"),
                "version: 1\nenvironments:\n  - name: mainnet\nservices:\n"
                        + "  - { name: api, paths: [services/api/**, db/api/**] }\n"
                        + "  - { name: web, paths: [services/web/**] }\n"
                        + "git:\n  repository: repo\n  irreversible: [db/**]\n"
                        + "  pullRequests: { provider: " + provider + ", apiUrl: \"http://127.0.0.1:9\","
                        + " repository: acme/ledger, tokenEnv: RG_TOKEN_NOT_SET }\n");
    }

    @Test
    void gitDryRunPrintsTheScopedRevertAndTheRequestWithTheTokenMasked() throws Exception {
        gitPolicy("github");
        CliRunner.Result r =
                CliRunner.run(args("rollback", "--env", "mainnet", "--service", "api", "--git", "--dry-run"));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("rollback of mainnet (git, dry run)")
                .contains("would revert api: db/api/002.sql, services/api/app.txt, services/api/new.txt")
                .contains("IRREVERSIBLE (check by hand): db/api/002.sql")
                .contains("would send: POST http://127.0.0.1:9/repos/acme/ledger/pulls")
                .contains("Authorization: Bearer ****", "Accept: application/vnd.github+json");
        assertThat(tmp.resolve("state/reviews")).doesNotExist();
    }

    @Test
    void anAmbiguousRollbackExits5AndItsReviewCanBeListedAndClosed() throws Exception {
        gitPolicy("gitea");
        CliRunner.Result r = CliRunner.run(args("rollback", "--env", "mainnet", "--git", "--actor", "oncall"));
        assertThat(r.code()).isEqualTo(5);
        assertThat(r.out())
                .contains("MANUAL_TRIAGE", "MANUAL TRIAGE NEEDED: nothing was reverted")
                .contains("AMBIGUOUS: 2 services changed in the promotion [api, web]")
                .contains("post-incident review drafted: pir-20261124T150000Z-mainnet-all");

        CliRunner.Result open = CliRunner.run(args("pir", "list"));
        assertThat(open.out()).contains("pir-20261124T150000Z-mainnet-all", "due 2026-11-25T15:00:00Z", "open");
        CliRunner.Result close =
                CliRunner.run(args("pir", "close", "--id", "pir-20261124T150000Z-mainnet-all", "--by", "carol"));
        assertThat(close.code()).as(close.err()).isZero();
        assertThat(CliRunner.run(args("pir", "list")).out()).isEqualTo("no open post-incident reviews\n");
        assertThat(CliRunner.run(args("pir", "list", "--all")).out()).contains("closed by carol");
    }
}
