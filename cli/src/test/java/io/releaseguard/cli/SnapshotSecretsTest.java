package io.releaseguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseguard.engine.snapshot.Sha256;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code snapshot show} of a service whose files hold secrets in the places they are really kept: an old password in
 * a {@code .env} comment, a whole {@code credentials.json}, an SSH key, a PEM key, a token file. None of their
 * contents, and no hash of them, is printed, nor written anywhere in the state directory outside the owner-only
 * snapshot store.
 */
class SnapshotSecretsTest {
    private static final String ENV = "DB_PASSWORD=new-pass\n# old DB_PASSWORD=hunter2-old\n";
    private static final String CREDENTIALS = "{\"client_secret\": \"gcp-sekret-4711\"}\n";
    private static final String ID_RSA = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n";
    private static final String PEM = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0B\n";
    private static final String TOKEN = "ghp_tokenvalue0123456789\n";
    private static final List<String> SECRETS = List.of(
            "hunter2-old",
            "new-pass",
            "gcp-sekret-4711",
            "b3BlbnNzaC1rZXktdjEAAAAA",
            "MIIEvQIBADANBgkqhkiG9w0B",
            "ghp_tokenvalue0123456789");

    @TempDir
    Path tmp;

    @Test
    void secretFilesShowTheirSizeOnlyAndNothingOfThemLeavesTheSnapshotStore() throws Exception {
        Path deploy = Files.createDirectories(tmp.resolve("srv/deploy"));
        Files.writeString(deploy.resolve("app.conf"), "port=8080\n");
        Files.writeString(deploy.resolve(".env"), ENV);
        Files.writeString(deploy.resolve("credentials.json"), CREDENTIALS);
        Files.writeString(deploy.resolve("id_rsa"), ID_RSA);
        Files.writeString(deploy.resolve("tls.pem"), PEM);
        Files.writeString(deploy.resolve("gh.token"), TOKEN);
        Files.writeString(
                tmp.resolve("release-guard.yaml"),
                "version: 1\nenvironments:\n  - name: staging\nservices:\n  - name: api\n    snapshot:\n"
                        + "      files: [deploy/app.conf, deploy/.env, deploy/credentials.json, deploy/id_rsa,"
                        + " deploy/tls.pem, deploy/gh.token]\n"
                        + "    targets:\n      staging: { dir: srv }\n");

        assertThat(run("snapshot", "save", "--env", "staging", "--service", "api", "--release", "v2")
                        .code())
                .isZero();
        Files.writeString(deploy.resolve("id_rsa"), "replaced by a bad deploy\n");
        CliRunner.Result show = run("snapshot", "show", "--env", "staging", "--service", "api");
        CliRunner.Result json = run("--json", "snapshot", "show", "--env", "staging", "--service", "api");
        CliRunner.Result restore = run("--json", "snapshot", "restore", "--env", "staging", "--service", "api");

        assertThat(show.out())
                .contains("== deploy/app.conf sha256:" + Sha256.hex("port=8080\n".getBytes(StandardCharsets.UTF_8)))
                .contains("port=8080")
                .contains("== deploy/.env (secret, " + ENV.length() + " bytes, values and comments masked)")
                .contains("DB_PASSWORD=****\n# ****")
                .contains("== deploy/credentials.json (secret, " + CREDENTIALS.length() + " bytes, content not"
                        + " shown)\n****")
                .contains("== deploy/id_rsa (secret, " + ID_RSA.length() + " bytes, content not shown)\n****")
                .contains("== deploy/tls.pem (secret, ")
                .contains("== deploy/gh.token (secret, ");
        assertThat(restore.code()).as(restore.err()).isZero();
        assertThat(Files.readString(deploy.resolve("id_rsa"))).isEqualTo(ID_RSA);
        for (String shown : List.of(show.out(), show.err(), json.out(), json.err(), restore.out(), restore.err())) {
            assertNothingSecretIn(shown);
        }
        try (Stream<Path> files = Files.walk(tmp.resolve("state"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                if (!f.startsWith(tmp.resolve("state/snapshots"))) {
                    assertNothingSecretIn(Files.readString(f));
                }
            }
        }
    }

    private static void assertNothingSecretIn(String text) {
        assertThat(text).doesNotContain(SECRETS);
        for (String secret : List.of(ENV, CREDENTIALS, ID_RSA, PEM, TOKEN)) {
            assertThat(text).doesNotContain(Sha256.hex(secret.getBytes(StandardCharsets.UTF_8)));
        }
    }

    private CliRunner.Result run(String... rest) {
        String[] all = new String[rest.length + 4];
        all[0] = "--config";
        all[1] = tmp.resolve("release-guard.yaml").toString();
        all[2] = "--state-dir";
        all[3] = tmp.resolve("state").toString();
        System.arraycopy(rest, 0, all, 4, rest.length);
        return CliRunner.run(all);
    }
}
