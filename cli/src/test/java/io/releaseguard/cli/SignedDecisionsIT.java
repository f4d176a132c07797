package io.releaseguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseguard.engine.state.FileStateStore;
import io.releaseguard.engine.state.PendingPromotion;
import io.releaseguard.engine.state.PromotionStatus;
import io.releaseguard.engine.testing.ExternalTools;
import io.releaseguard.engine.testing.Sshd;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
                Sshd.allowedSigner("bob", key("bob")) + Sshd.allowedSigner("carol", key("carol")));
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

    /** A new key pair {@code id_NAME} in the test folder. */
    private Path key(String name) throws Exception {
        return Sshd.keygen(tmp.resolve("id_" + name));
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
