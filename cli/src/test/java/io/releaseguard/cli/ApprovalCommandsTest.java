package io.releaseguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseguard.engine.audit.AuditRecord;
import io.releaseguard.engine.state.FileStateStore;
import io.releaseguard.engine.state.PendingPromotion;
import io.releaseguard.engine.state.PromotionStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApprovalCommandsTest {
    @TempDir
    Path tmp;

    private Path config;
    private Path stateDir;
    private FileStateStore store;

    @BeforeEach
    void setUp() throws Exception {
        config = tmp.resolve("release-guard.yaml");
        Files.writeString(
                config,
                """
                version: 1
                groups: { leads: [alice, bob, carol] }
                environments:
                  - name: testnet
                  - name: mainnet
                    approvals: { required: 2, reviewers: [group:leads], expiresAfter: 24h }
                """);
        stateDir = tmp.resolve("state");
        store = new FileStateStore(stateDir, CliRunner.CLOCK);
        store.savePromotion(new PendingPromotion(
                "promo-1",
                "mainnet",
                "sha-abc1234",
                "alice",
                "sha256:aaa",
                CliRunner.CLOCK.instant(),
                PromotionStatus.PENDING,
                java.util.List.of()));
    }

    private CliRunner.Result run(String... args) {
        String[] all = new String[args.length + 4];
        all[0] = "--config";
        all[1] = config.toString();
        all[2] = "--state-dir";
        all[3] = stateDir.toString();
        System.arraycopy(args, 0, all, 4, args.length);
        return CliRunner.run(all);
    }

    @Test
    void twoLeadsApproveButNotTheRequester() throws Exception {
        CliRunner.Result self = run("approve", "--promotion", "promo-1", "--as", "alice");
        assertThat(self.code()).isEqualTo(2);
        assertThat(self.err()).contains("refused: alice requested this promotion and cannot approve it");

        CliRunner.Result outsider = run("approve", "--promotion", "promo-1", "--as", "mallory");
        assertThat(outsider.code()).isEqualTo(2);
        assertThat(outsider.err()).contains("mallory is not a reviewer (reviewers: alice, bob, carol)");
        assertThat(store.approvals("promo-1"))
                .as("neither refusal is recorded as a decision")
                .isEmpty();
        assertThat(store.promotions(java.util.Optional.of("mainnet")))
                .singleElement()
                .satisfies(p -> assertThat(p.status()).isEqualTo(PromotionStatus.PENDING));

        CliRunner.Result first = run("approve", "--promotion", "promo-1", "--as", "bob", "--comment", "lgtm");
        assertThat(first.code()).isZero();
        assertThat(first.out()).isEqualTo("awaiting approvals (1/2): approved by bob; needs 1 more from group:leads\n");
        CliRunner.Result second = run("approve", "--promotion", "promo-1", "--as", "carol");
        assertThat(second.out()).isEqualTo("approved (2/2) by bob, carol\n");

        assertThat(store.audit().read().records())
                .extracting(AuditRecord::actor, AuditRecord::verdict)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("alice", "REFUSED"),
                        org.assertj.core.groups.Tuple.tuple("mallory", "REFUSED"),
                        org.assertj.core.groups.Tuple.tuple("bob", "PENDING"),
                        org.assertj.core.groups.Tuple.tuple("carol", "APPROVED"));
        assertThat(store.audit().verify().ok()).isTrue();
    }

    @Test
    void anAuthorNamedAtPromoteTimeCannotApprove() throws Exception {
        assertThat(run("promote", "--release", "sha-def5678", "--to", "testnet", "--as", "zoe")
                        .code())
                .isZero();
        CliRunner.Result waiting = run(
                "promote",
                "--release",
                "sha-def5678",
                "--to",
                "mainnet",
                "--as",
                "zoe",
                "--author",
                "bob",
                "--author",
                "dave");
        assertThat(waiting.code()).as(waiting.out() + waiting.err()).isEqualTo(2);
        String id = store.promotions(java.util.Optional.of("mainnet")).stream()
                .filter(p -> p.release().equals("sha-def5678"))
                .findFirst()
                .orElseThrow()
                .id();

        CliRunner.Result author = run("approve", "--promotion", id, "--as", "bob");

        assertThat(author.code()).isEqualTo(2);
        assertThat(author.err())
                .contains("refused: bob authored the release (named in the request) and cannot approve it"
                        + " (self-approval is prevented, administrators included)");
        assertThat(store.approvals(id)).as("the refusal is not a decision").isEmpty();
        assertThat(store.audit().read().records())
                .filteredOn(r -> r.action().equals("approval.approve"))
                .extracting(AuditRecord::actor, AuditRecord::verdict)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("bob", "REFUSED"));
        assertThat(run("approve", "--promotion", id, "--as", "carol").code()).isZero();
    }

    @Test
    void rejectingNeedsACommentAndRejects() throws Exception {
        CliRunner.Result bare = run("reject", "--promotion", "promo-1", "--as", "bob");
        assertThat(bare.code()).isEqualTo(3);
        assertThat(bare.err()).contains("a rejection needs a comment (--comment) saying why");
        assertThat(store.approvals("promo-1")).isEmpty();

        CliRunner.Result r = run("reject", "--promotion", "promo-1", "--as", "bob", "--comment", "breaks clients");
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("rejected by bob at 2026-11-24T15:00:00Z: breaks clients");
    }

    @Test
    void unknownPromotionIsInvalid() {
        CliRunner.Result r = run("approve", "--promotion", "promo-9", "--as", "bob");
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains("no promotion 'promo-9'");
    }
}
