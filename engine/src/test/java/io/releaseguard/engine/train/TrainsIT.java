package io.releaseguard.engine.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.config.ConfigLoader;
import io.releaseguard.engine.config.ReleaseGuardConfig;
import io.releaseguard.engine.state.Deployment;
import io.releaseguard.engine.state.Outcome;
import io.releaseguard.engine.testing.GitCli;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Trains over real repositories in temporary folders, checked with the git CLI. */
class TrainsIT extends RepositoryFixture {
    static final String POLICY =
            """
            version: 1
            timezone: UTC
            environments:
              - name: dev
              - name: staging
            trains:
              line: "0.5"
              tracks:
                dev: { schedule: "weekly TUE 14:00", promotesTo: staging, soak: 7d, branch: main }
                staging: { schedule: "biweekly WED 14:00", anchor: 2026-05-13 }
                hotfix: { schedule: on-demand, from: staging, environment: staging }
            """;

    Trains trains;

    @Override
    String start() {
        return "2026-05-12T14:00:00Z";
    }

    @BeforeEach
    void setUp() throws Exception {
        trains = trains(repo);
    }

    Trains trains(TagRepository r) throws ReleaseGuardException {
        ReleaseGuardConfig config = ConfigLoader.parse(POLICY, "release-guard.yaml", tmp);
        return new Trains(config, r, state, clock, "tester");
    }

    void deployed(String env, String release) throws ReleaseGuardException {
        state.recordDeployment(new Deployment(
                UUID.randomUUID().toString(),
                env,
                release,
                List.of("api"),
                clock.instant(),
                clock.instant(),
                Outcome.SUCCEEDED,
                "p"));
    }

    @Test
    void devCutsAnnotatedTagsAtTheBranchTipNumberedFromExistingTags() throws Exception {
        String first = git.run("rev-parse", "HEAD");
        assertThat(trains.nextTag("dev").name()).isEqualTo("v0.5.0-dev.1");
        TrainCut cut = trains.cut("dev", Optional.empty(), false, Optional.empty());
        assertThat(cut.tag()).isEqualTo("v0.5.0-dev.1");
        assertThat(git.run("for-each-ref", "--format=%(objecttype) %(refname:short) %(*objectname)", "refs/tags"))
                .isEqualTo("tag v0.5.0-dev.1 " + first);
        assertThat(git.run("describe", "--exact-match", "HEAD")).isEqualTo("v0.5.0-dev.1");
        assertThat(git.run("tag", "-n1", "v0.5.0-dev.1")).contains("release-guard: dev train 1 of line 0.5");
        assertThat(git.run("cat-file", "-p", "v0.5.0-dev.1"))
                .contains("tagger Release Bot <bot@example.org> 1778594400 +0000")
                .contains("track: dev\nline: 0.5\ncommit: " + first + "\nbranch: main");

        // Unrelated, lightweight, malformed and other-branch tags: numbering follows well-formed names only.
        git.run("checkout", "-q", "-b", "side");
        commit("side work");
        git.run("tag", "v0.5.0-dev.5");
        git.run("tag", "-a", "-m", "x", "v0.5.0-dev.07");
        git.run("tag", "v0.5.0-dev.x9");
        git.run("tag", "nightly");
        git.run("checkout", "-q", "main");
        String second = commit("feature");
        TrainCut next = trains.cut("dev", Optional.empty(), false, Optional.empty());
        assertThat(next.tag()).isEqualTo("v0.5.0-dev.6");
        assertThat(git.run("rev-parse", "v0.5.0-dev.6^{commit}")).isEqualTo(second);

        TrainCut dry = trains.cut("dev", Optional.empty(), true, Optional.empty());
        assertThat(dry.tag()).isEqualTo("v0.5.0-dev.7");
        assertThat(dry.created()).isFalse();
        assertThat(git.run("tag", "-l", "v0.5.0-dev.7")).isEmpty();
    }

    @Test
    void promotionWaitsForTheSoakThenRecordsWhereItCameFrom() throws Exception {
        String devCommit = git.run("rev-parse", "HEAD");
        trains.cut("dev", Optional.empty(), false, Optional.empty());
        assertThatThrownBy(() -> trains.promote("v0.5.0-dev.1", "staging", false, Optional.empty()))
                .isInstanceOf(ReleaseGuardException.class)
                .hasMessageStartingWith("NOT_DEPLOYED: v0.5.0-dev.1 was never deployed successfully to dev");
        deployed("dev", "v0.5.0-dev.1");
        clock.advance(Duration.ofDays(3));
        ReleaseGuardException blocked =
                catchRge(() -> trains.promote("v0.5.0-dev.1", "staging", false, Optional.empty()));
        assertThat(blocked.exitCode()).isEqualTo(ExitCode.BLOCKED);
        assertThat(blocked.getMessage())
                .isEqualTo("SOAK: v0.5.0-dev.1 has been live in dev for 3d; policy requires 7d"
                        + " (eligible at 2026-05-19T14:00:00Z)");

        clock.advance(Duration.ofDays(4));
        ReleaseGuardException bypass =
                catchRge(() -> trains.cut("staging", Optional.of(devCommit), false, Optional.empty()));
        assertThat(bypass.exitCode()).isEqualTo(ExitCode.INVALID);
        assertThat(bypass.getMessage()).startsWith("track 'staging' is fed by promotion from 'dev'");
        TrainCut staging = trains.promote("v0.5.0-dev.1", "staging", false, Optional.empty());
        assertThat(staging.tag()).isEqualTo("v0.5.0-staging.1");
        assertThat(git.run("rev-parse", "v0.5.0-staging.1^{commit}")).isEqualTo(devCommit);
        assertThat(git.run("tag", "-l", "-n9", "v0.5.0-staging.1")).contains("promoted-from: v0.5.0-dev.1");

        TrainCut again = trains.promote("v0.5.0-dev.1", "staging", false, Optional.empty());
        assertThat(again.created()).isFalse();
        assertThat(again.message()).contains("already promoted to staging as v0.5.0-staging.1");
        assertThatThrownBy(() -> trains.promote("v0.5.0-staging.1", "dev", false, Optional.empty()))
                .hasMessage("track 'staging' promotes nowhere, not to 'dev'");
    }

    @Test
    void hotfixPatchesStagingAndMustRollForwardIntoTheNextStagingTag() throws Exception {
        trains.cut("dev", Optional.empty(), false, Optional.empty());
        deployed("dev", "v0.5.0-dev.1");
        clock.advance(Duration.ofDays(8));
        trains.cut("staging", Optional.empty(), false, Optional.empty());
        assertThat(git.run("tag", "-l", "v0.5.0-staging.*")).isEqualTo("v0.5.0-staging.1");

        // A commit off main that does not sit on the staging tag is refused.
        String unrelated = commit("main moves on");
        git.run("checkout", "-q", "--orphan", "elsewhere");
        String orphan = commit("orphan");
        ReleaseGuardException e = catchRge(() -> trains.cut("hotfix", Optional.of(orphan), false, Optional.empty()));
        assertThat(e.exitCode()).isEqualTo(ExitCode.BLOCKED);
        assertThat(e.getMessage())
                .startsWith(
                        "NOT_DESCENDANT: commit " + orphan.substring(0, 7) + " does not descend from v0.5.0-staging.1");

        git.run("checkout", "-q", "-b", "hotfix-branch", "v0.5.0-staging.1");
        String fix = commit("urgent fix");
        TrainCut hotfix = trains.cut("hotfix", Optional.empty(), false, Optional.empty());
        assertThat(hotfix.tag()).isEqualTo("v0.5.0-hotfix.1");
        assertThat(git.run("tag", "-l", "-n9", "v0.5.0-hotfix.1")).contains("based-on: v0.5.0-staging.1");
        deployed("staging", "v0.5.0-hotfix.1");

        // The next dev tag is cut from main, which lacks the fix: promotion refuses.
        git.run("checkout", "-q", "main");
        trains.cut("dev", Optional.empty(), false, Optional.empty());
        deployed("dev", "v0.5.0-dev.2");
        clock.advance(Duration.ofDays(8));
        ReleaseGuardException lacking =
                catchRge(() -> trains.promote("v0.5.0-dev.2", "staging", false, Optional.empty()));
        assertThat(lacking.getMessage())
                .startsWith("ROLL_FORWARD: v0.5.0-hotfix.1 (" + fix.substring(0, 7) + ") was deployed but is not"
                        + " contained in v0.5.0-dev.2 (" + unrelated.substring(0, 7) + ")");

        git.run("merge", "-q", "--no-edit", "hotfix-branch");
        trains.cut("dev", Optional.empty(), false, Optional.empty());
        deployed("dev", "v0.5.0-dev.3");
        clock.advance(Duration.ofDays(8));
        TrainCut staging2 = trains.cut("staging", Optional.empty(), false, Optional.empty());
        assertThat(staging2.tag()).isEqualTo("v0.5.0-staging.2");
        assertThat(staging2.provenance().promotedFrom()).contains("v0.5.0-dev.3");
        assertThat(staging2.provenance().hotfixesContained()).containsExactly("v0.5.0-hotfix.1");
        assertThat(isAncestor("v0.5.0-hotfix.1", "v0.5.0-staging.2")).isTrue();
        assertThat(git.run("tag", "-l", "-n9", "v0.5.0-staging.2")).contains("contains-hotfixes: v0.5.0-hotfix.1");
    }

    @Test
    void aLocalCutterThatLostTheRaceRetriesWithTheNextNumber() throws Exception {
        trains.cut("dev", Optional.empty(), false, Optional.empty());
        TrainCut second =
                trains(new Raced(repo, new AtomicInteger(1))).cut("dev", Optional.empty(), false, Optional.empty());
        assertThat(second.tag()).isEqualTo("v0.5.0-dev.2");
        assertThat(git.run("tag", "-l")).isEqualTo("v0.5.0-dev.1\nv0.5.0-dev.2");

        ReleaseGuardException e = catchRge(() ->
                trains(new Raced(repo, new AtomicInteger(5))).cut("dev", Optional.empty(), false, Optional.empty()));
        assertThat(e.exitCode()).isEqualTo(ExitCode.BLOCKED);
        assertThat(e.getMessage())
                .startsWith("TAG_CONFLICT: tag v0.5.0-dev.1 was taken by another cutter: it already exists");
    }

    @Test
    void pushIsCompareAndSwapSoARacingCutterGetsAClearConflict() throws Exception {
        Path remote = tmp.resolve("remote.git");
        new GitCli(tmp).run("init", "-q", "--bare", "-b", "main", "remote.git");
        git.run("remote", "add", "origin", remote.toString());
        git.run("push", "-q", "origin", "main");
        Path other = tmp.resolve("other");
        new GitCli(tmp).run("clone", "-q", remote.toString(), "other");

        TrainCut mine = trains.cut("dev", Optional.empty(), false, Optional.of("origin"));
        assertThat(mine.pushedTo()).contains("origin");
        assertThat(new GitCli(remote).run("for-each-ref", "--format=%(objecttype) %(refname)", "refs/tags"))
                .isEqualTo("tag refs/tags/v0.5.0-dev.1");

        // The other clone computed its number before our push reached the remote: fetching is skipped to stage
        // exactly that race, and the remote's compare-and-swap refuses.
        try (JGitTagRepository otherRepo = JGitTagRepository.open(other)) {
            TagRepository stale = new Raced(otherRepo, new AtomicInteger());
            ReleaseGuardException e =
                    catchRge(() -> trains(stale).cut("dev", Optional.empty(), false, Optional.of("origin")));
            assertThat(e.getMessage()).startsWith("TAG_CONFLICT: tag v0.5.0-dev.1 was taken by another cutter");
            assertThat(e.exitCode()).isEqualTo(ExitCode.BLOCKED);
            assertThat(new GitCli(other).run("tag", "-l")).isEmpty();

            // With the fetch, the next cutter gets the next number.
            TrainCut theirs = trains(otherRepo).cut("dev", Optional.empty(), false, Optional.of("origin"));
            assertThat(theirs.tag()).isEqualTo("v0.5.0-dev.2");
        }
        assertThat(new GitCli(remote).run("tag", "-l")).isEqualTo("v0.5.0-dev.1\nv0.5.0-dev.2");
    }

    static ReleaseGuardException catchRge(Call call) {
        try {
            call.run();
        } catch (ReleaseGuardException e) {
            return e;
        }
        throw new AssertionError("expected a ReleaseGuardException");
    }

    interface Call {
        void run() throws ReleaseGuardException;
    }

    /**
     * A repository that loses races on purpose: its fetch does nothing (another cutter pushed between our fetch and
     * push) and its first {@code staleListings} tag listings see no tags (another cutter tagged between our listing
     * and our ref update).
     */
    record Raced(TagRepository delegate, AtomicInteger staleListings) implements TagRepository {
        public List<String> tagNames() throws ReleaseGuardException {
            return staleListings.getAndDecrement() > 0 ? List.of() : delegate.tagNames();
        }

        public List<String> tagNames(String prefix) throws ReleaseGuardException {
            return staleListings.getAndDecrement() > 0 ? List.of() : delegate.tagNames(prefix);
        }

        public Optional<TagInfo> tag(String name) throws ReleaseGuardException {
            return delegate.tag(name);
        }

        public String commit(String revision) throws ReleaseGuardException {
            return delegate.commit(revision);
        }

        public boolean isAncestor(String a, String d) throws ReleaseGuardException {
            return delegate.isAncestor(a, d);
        }

        public void createTag(String name, String commit, String message, java.time.Instant at)
                throws ReleaseGuardException {
            delegate.createTag(name, commit, message, at);
        }

        public void deleteTag(String name) throws ReleaseGuardException {
            delegate.deleteTag(name);
        }

        public void fetchTags(String remote) {}

        public void pushTag(String remote, String name) throws ReleaseGuardException {
            delegate.pushTag(remote, name);
        }

        public void close() {}
    }
}
