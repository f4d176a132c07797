package io.releaseguard.engine.rollback;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseguard.engine.config.GitSpec;
import io.releaseguard.engine.testing.GitCli;
import io.releaseguard.engine.testing.MutableClock;
import io.releaseguard.engine.testing.PromotionRepo;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Git-revert rollback on real repositories built and checked with the git CLI. */
class GitRevertRollbackIT {
    @TempDir
    Path tmp;

    private GitCli git;
    private GitCli remote;
    private String merge;
    private final Map<String, List<String>> owners = new LinkedHashMap<>();
    private final GitRevertRollback rollback = new GitRevertRollback(MutableClock.at("2026-11-22T12:00:00Z"));

    @BeforeEach
    void twoServicesPromotedTogether() throws Exception {
        PromotionRepo promotion = PromotionRepo.create(tmp);
        git = promotion.repo();
        remote = promotion.remote();
        merge = promotion.merge();
        owners.put("api", List.of("services/api/**", "db/api/**"));
        owners.put("web", List.of("services/web/**"));
    }

    private RevertDecision revert(Optional<String> failing, boolean dryRun) throws Exception {
        GitSpec spec = new GitSpec(
                git.dir().toString(),
                "origin",
                "production",
                Pattern.compile("^Merge branch 'main' into production"),
                List.of("db/**"),
                Optional.empty());
        return rollback.revert(spec, git.dir(), owners, "mainnet", failing, dryRun, "alice");
    }

    @Test
    void revertsOnlyTheFailingServicesFilesOnANewPushedBranch() throws Exception {
        RevertDecision d = revert(Optional.of("api"), false);

        assertThat(d.outcome()).isEqualTo(RevertDecision.Outcome.REVERTED);
        assertThat(d.promotionCommit()).isEqualTo(merge);
        assertThat(d.files()).containsExactly("db/api/002.sql", "services/api/app.txt", "services/api/new.txt");
        assertThat(d.irreversible()).containsExactly("db/api/002.sql");
        String commit = d.revertCommit().orElseThrow();
        String branch = d.branch().orElseThrow();
        assertThat(branch).isEqualTo("rollback/mainnet/api-" + merge.substring(0, 10));

        assertThat(git.run("diff", "--name-only", merge, commit).lines())
                .containsExactly("db/api/002.sql", "services/api/app.txt", "services/api/new.txt");
        assertThat(git.run("show", commit + ":services/api/app.txt")).isEqualTo("api v1");
        assertThat(git.run("ls-tree", "-r", "--name-only", commit).lines())
                .containsExactly("README.md", "db/api/001.sql", "services/api/app.txt", "services/web/app.txt");
        assertThat(git.run("show", commit + ":services/web/app.txt")).isEqualTo("web v2");
        assertThat(git.run("show", commit + ":README.md")).isEqualTo("r2");
        assertThat(git.run("rev-parse", commit + "^")).isEqualTo(merge);
        assertThat(git.run("rev-parse", "production"))
                .as("production never moves")
                .isEqualTo(merge);
        assertThat(git.run("log", "-1", "--format=%an <%ae> %aI%n%B", commit))
                .startsWith("release-guard <release-guard@localhost> 2026-11-22T12:00:00+00:00\nRevert api changes")
                .contains("Release-Guard-Rollback: mainnet/api", "Requested-By: alice");
        assertThat(remote.run("rev-parse", "refs/heads/" + branch)).isEqualTo(commit);
        git.run("fsck", "--strict", "--no-progress");
        remote.run("fsck", "--strict", "--no-progress");
    }

    @Test
    void twoImplicatedServicesRevertNothingAndSayWhy() throws Exception {
        RevertDecision d = revert(Optional.empty(), false);

        assertThat(d.outcome()).isEqualTo(RevertDecision.Outcome.MANUAL_TRIAGE);
        assertThat(d.evidence().get(0)).startsWith("AMBIGUOUS: 2 services changed in the promotion [api, web]");
        assertThat(d.evidence())
                .contains(
                        "api changed 3 file(s): [db/api/002.sql, services/api/app.txt, services/api/new.txt]",
                        "web changed 1 file(s): [services/web/app.txt]",
                        "owned by no service (kept): [README.md]");
        assertThat(d.revertCommit()).isEmpty();
        assertThat(git.run("branch", "--list", "rollback/*")).isEmpty();
        assertThat(remote.run("for-each-ref", "refs/heads/rollback")).isEmpty();
        assertThat(git.run("rev-parse", "production")).isEqualTo(merge);
    }

    @Test
    void aFileOwnedByTwoServicesIsAmbiguous() throws Exception {
        owners.put("web", List.of("services/web/**", "db/**"));
        RevertDecision d = revert(Optional.of("api"), false);
        assertThat(d.outcome()).isEqualTo(RevertDecision.Outcome.MANUAL_TRIAGE);
        assertThat(d.evidence().get(0)).startsWith("SHARED_PATHS:").contains("db/api/002.sql (also web)");
        assertThat(git.run("branch", "--list", "rollback/*")).isEmpty();
    }

    @Test
    void aServiceThePromotionDidNotTouchIsNotReverted() throws Exception {
        owners.put("worker", List.of("services/worker/**"));
        RevertDecision d = revert(Optional.of("worker"), false);
        assertThat(d.outcome()).isEqualTo(RevertDecision.Outcome.MANUAL_TRIAGE);
        assertThat(d.evidence().get(0)).startsWith("NOT_IMPLICATED: the promotion changed no file of worker");
    }

    @Test
    void filesChangedAgainAfterThePromotionGoToTriage() throws Exception {
        git.run("checkout", "-q", "production");
        git.write("services/api/app.txt", "api v2 hotfix\n");
        git.run("commit", "-q", "-am", "hotfix api");
        RevertDecision d = revert(Optional.of("api"), false);
        assertThat(d.outcome()).isEqualTo(RevertDecision.Outcome.MANUAL_TRIAGE);
        assertThat(d.evidence().get(0)).startsWith("CHANGED_SINCE_PROMOTION: [services/api/app.txt]");
    }

    @Test
    void dryRunDecidesButWritesNothing() throws Exception {
        String refsBefore = git.run("for-each-ref");
        RevertDecision d = revert(Optional.of("api"), true);
        assertThat(d.outcome()).isEqualTo(RevertDecision.Outcome.REVERTED);
        assertThat(d.dryRun()).isTrue();
        assertThat(d.revertCommit()).isEmpty();
        assertThat(git.run("for-each-ref")).isEqualTo(refsBefore);
    }
}
