package io.releaseguard.engine.promotion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.approval.ApprovalStatus;
import io.releaseguard.engine.approval.Approvals;
import io.releaseguard.engine.audit.AuditRecord;
import io.releaseguard.engine.config.ConfigLoader;
import io.releaseguard.engine.config.ReleaseGuardConfig;
import io.releaseguard.engine.health.HttpHealthProbe;
import io.releaseguard.engine.state.Decision;
import io.releaseguard.engine.state.FileStateStore;
import io.releaseguard.engine.state.ReleaseAuthor;
import io.releaseguard.engine.state.ReleaseAuthor.Source;
import io.releaseguard.engine.testing.GitCli;
import io.releaseguard.engine.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The release's authors, named in the request or read from git, are recorded on the promotion and may not approve. */
class PromotionAuthorsTest {
    private static final ReleaseAuthor ALICE =
            new ReleaseAuthor(Source.GIT_AUTHOR, "Alice Example", "alice@example.org");
    private static final ReleaseAuthor COMMITTER = new ReleaseAuthor(Source.GIT_COMMITTER, "Test", "test@example.org");

    @TempDir
    Path tmp;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T15:00:00Z"));
    private final HttpHealthProbe probe = new HttpHealthProbe();
    private ReleaseGuardConfig config;
    private FileStateStore state;
    private Promoter promoter;
    private Approvals approvals;
    private String commit;

    @BeforeEach
    void setUp() throws Exception {
        GitCli git = new GitCli(Files.createDirectories(tmp.resolve("repo")));
        git.run("init", "-q");
        git.write("app.txt", "v1\n").run("add", "-A");
        git.run("commit", "-q", "--author", "Alice Example <alice@example.org>", "-m", "feature by alice");
        git.run("tag", "-a", "v1.0.0", "-m", "release 1.0.0");
        commit = git.run("rev-parse", "HEAD");
        assertThat(git.run("log", "-1", "--format=%an <%ae> / %cn <%ce>"))
                .isEqualTo("Alice Example <alice@example.org> / Test <test@example.org>");

        config = ConfigLoader.parse(
                """
                version: 1
                environments:
                  - name: mainnet
                    approvals: { required: 1, reviewers: [alice, bob, carol, test] }
                git:
                  repository: repo
                """,
                "release-guard.yaml",
                tmp);
        state = new FileStateStore(tmp.resolve("state"), clock);
        promoter = new Promoter(TestPromotions.context(
                config, state, tmp.resolve("state"), clock, probe, Map::of, clock::advance, Optional.empty(), l -> {}));
        approvals = new Approvals(config, state, clock);
    }

    @AfterEach
    void tearDown() {
        probe.close();
    }

    private PromotionResult promote(String release, String... authors) throws ReleaseGuardException {
        PromotionResult r = promoter.promote(new PromoteRequest(
                release, "mainnet", "zoe", "tag:" + release, Optional.empty(), false, List.of(authors)));
        assertThat(r.awaitsApprovals()).as(r.message()).isTrue();
        return r;
    }

    @Test
    void theGitAuthorOfAShaReleaseCannotApproveUnderAnyOfTheirIdentities() throws Exception {
        String id = promote("sha-" + commit.substring(0, 7)).promotionId();

        assertThat(state.promotion(id).orElseThrow().authors()).containsExactly(ALICE, COMMITTER);
        for (String alias : List.of("alice", "Alice@Example.org", "ALICE")) {
            assertThatThrownBy(() -> approvals.decide(id, alias, Decision.APPROVE, ""))
                    .isInstanceOfSatisfying(ReleaseGuardException.class, e -> assertThat(e.exitCode())
                            .isEqualTo(ExitCode.BLOCKED))
                    .hasMessage("refused: " + alias.toLowerCase(java.util.Locale.ROOT)
                            + " authored the release (git author Alice Example"
                            + " <alice@example.org>) and cannot approve it (self-approval is prevented,"
                            + " administrators included)");
        }
        assertThat(approvals.eligibleReviewers(id)).containsExactly("bob", "carol");
        assertThat(state.approvals(id)).isEmpty();

        ApprovalStatus status = approvals.decide(id, "carol", Decision.APPROVE, "lgtm");
        assertThat(status.state()).isEqualTo(ApprovalStatus.State.APPROVED);
        assertThat(state.audit().read().records())
                .filteredOn(r -> r.action().startsWith("approval."))
                .extracting(AuditRecord::actor, AuditRecord::action, AuditRecord::verdict)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("alice", "approval.approve", "REFUSED"),
                        org.assertj.core.groups.Tuple.tuple("alice@example.org", "approval.approve", "REFUSED"),
                        org.assertj.core.groups.Tuple.tuple("alice", "approval.approve", "REFUSED"),
                        org.assertj.core.groups.Tuple.tuple("carol", "approval.approve", "APPROVED"));
    }

    @Test
    void anAuthorNamedInTheRequestIsBarredAlongsideTheAuthorsOfTheTaggedCommit() throws Exception {
        String id = promote("v1.0.0", "Bob").promotionId();

        assertThat(state.promotion(id).orElseThrow().authors())
                .as("a named author is recorded by its canonical id")
                .containsExactly(ReleaseAuthor.named("bob"), ALICE, COMMITTER);
        assertThatThrownBy(() -> approvals.decide(id, "bob", Decision.APPROVE, ""))
                .hasMessageStartingWith("refused: bob authored the release (named in the request) and cannot approve");
        assertThatThrownBy(() -> approvals.decide(id, "test", Decision.APPROVE, ""))
                .hasMessageStartingWith("refused: test authored the release (git committer Test <test@example.org>)");
        assertThatThrownBy(() -> approvals.decide(id, "zoe", Decision.APPROVE, ""))
                .hasMessageStartingWith("refused: zoe requested this promotion and cannot approve it");
        assertThat(approvals.eligibleReviewers(id)).containsExactly("carol");
        assertThat(state.audit().read().records().get(0).reason())
                .isEqualTo("zoe requested v1.0.0 to mainnet; release authors: bob (named in the request), git author"
                        + " Alice Example <alice@example.org>, git committer Test <test@example.org> (v1.0.0 is commit "
                        + commit + " in " + tmp.resolve("repo") + ")");
    }

    @Test
    void aReleaseGitCannotResolveRecordsNoAuthorsAndSaysWhy() throws Exception {
        String id = promote("sha-0000000").promotionId();

        assertThat(state.promotion(id).orElseThrow().authors()).isEmpty();
        assertThat(state.audit().read().records().get(0).reason())
                .isEqualTo("zoe requested sha-0000000 to mainnet; release authors: none recorded (sha-0000000 names"
                        + " no commit in " + tmp.resolve("repo") + " (no such tag, and not a sha-<hex> of a commit"
                        + " there))");
        assertThat(approvals.decide(id, "alice", Decision.APPROVE, "").state())
                .isEqualTo(ApprovalStatus.State.APPROVED);
    }
}
