package io.releaseguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseguard.engine.state.FileStateStore;
import io.releaseguard.engine.state.PendingPromotion;
import io.releaseguard.engine.state.PromotionStatus;
import io.releaseguard.engine.testing.ExternalTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code approve} and {@code reject} with {@code --sign-with}: real ssh-keygen keys, the policy's allowed_signers. */
class SignedDecisionsIT {
    @TempDir
    Path tmp;

    private Path config;
    private Path stateDir;

    @BeforeEach
    void setUp() throws Exception {
        ExternalTools.require("ssh-keygen", "openssh-client", "signed decisions");
        Files.writeString(
                tmp.resolve("allowed_signers"),
                "bob " + publicKey(key("bob")) + "\ncarol " + publicKey(key("carol")) + "\n");
        config = tmp.resolve("release-guard.yaml");
        Files.writeString(
                config,
                """
                version: 1
                environments:
                  - name: mainnet
                    approvals:
                      required: 1
                      reviewers: [bob, carol]
                      allowedSigners: allowed_signers
                      requireSignedApprovals: true
                """);
        stateDir = tmp.resolve("state");
        new FileStateStore(stateDir, CliRunner.CLOCK)
                .savePromotion(new PendingPromotion(
                        "promo-1",
                        "mainnet",
                        "sha-abc1234",
                        "alice",
                        "sha256:aaa",
                        CliRunner.CLOCK.instant(),
                        PromotionStatus.PENDING,
                        List.of()));
    }

    private Path key(String name) throws Exception {
        Path key = tmp.resolve("id_" + name);
        Process p = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", key.toString())
                .redirectErrorStream(true)
                .start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        return key;
    }

    private static String publicKey(Path key) throws Exception {
        String[] parts = Files.readString(Path.of(key + ".pub")).strip().split(" ");
        return parts[0] + " " + parts[1];
    }

    private CliRunner.Result run(String... args) {
        List<String> all = new ArrayList<>(List.of("--config", config.toString(), "--state-dir", stateDir.toString()));
        all.addAll(List.of(args));
        return CliRunner.run(all.toArray(String[]::new));
    }

    @Test
    void signedDecisionsCountUnsignedOnesAreRefusedAndAuditVerifyChecksTheSignatures() {
        CliRunner.Result unsigned = run("approve", "--promotion", "promo-1", "--as", "bob");
        assertThat(unsigned.code()).isEqualTo(2);
        assertThat(unsigned.err()).contains("refused: mainnet requires signed decisions; sign with --sign-with KEY");

        CliRunner.Result wrongKey = run(
                "approve",
                "--promotion",
                "promo-1",
                "--as",
                "bob",
                "--sign-with",
                tmp.resolve("id_carol").toString());
        assertThat(wrongKey.code()).isEqualTo(2);
        assertThat(wrongKey.err()).contains("refused: not a valid signature by bob for this decision");

        CliRunner.Result approved = run(
                "approve",
                "--promotion",
                "promo-1",
                "--as",
                "bob",
                "--sign-with",
                tmp.resolve("id_bob").toString());
        assertThat(approved.code()).as(approved.err()).isZero();
        assertThat(approved.out()).isEqualTo("approved (1/1) by bob\n");

        CliRunner.Result rejected = run(
                "reject",
                "--promotion",
                "promo-1",
                "--as",
                "carol",
                "--comment",
                "breaks clients",
                "--sign-with",
                tmp.resolve("id_carol").toString());
        assertThat(rejected.code()).as(rejected.err()).isZero();
        assertThat(rejected.out()).startsWith("rejected by carol");

        CliRunner.Result verify = run("audit", "verify");
        assertThat(verify.code()).as(verify.out()).isZero();
        assertThat(verify.out()).contains("2 signatures verified");
    }
}
