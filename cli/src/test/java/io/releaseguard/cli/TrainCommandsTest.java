package io.releaseguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseguard.engine.pir.Incident;
import io.releaseguard.engine.pir.PostIncidentReview;
import io.releaseguard.engine.pir.PostIncidentReviews;
import io.releaseguard.engine.state.Deployment;
import io.releaseguard.engine.state.FileStateStore;
import io.releaseguard.engine.state.Outcome;
import io.releaseguard.engine.testing.GitCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train} and {@code rc} in-process, over a real repository created with JGit. */
class TrainCommandsTest {
    @TempDir
    Path tmp;

    private String config;
    private String state;
    private String head;
    private GitCli git;

    @BeforeEach
    void setUp() throws Exception {
        new GitCli(tmp).run("init", "-q", "-b", "main", "repo");
        git = new GitCli(tmp.resolve("repo"));
        git.run("commit", "-q", "--allow-empty", "-m", "initial");
        head = git.run("rev-parse", "HEAD");
        Path file = tmp.resolve("release-guard.yaml");
        Files.writeString(
                file,
                """
                version: 1
                timezone: UTC
                environments:
                  - name: dev
                  - name: staging
                trains:
                  line: "0.5"
                  tracks:
                    dev: { schedule: "weekly TUE 14:00", promotesTo: staging, soak: 7d }
                    staging: { schedule: "biweekly WED 14:00", anchor: 2026-05-13 }
                    hotfix: { schedule: on-demand, from: staging }
                  onCall: { rotation: [alice, bob], startsOn: 2026-11-02, every: 1w }
                releaseCandidates:
                  approvers: { product: [luis], qa: [rafaella] }
                git:
                  repository: repo
                """);
        config = file.toString();
        state = tmp.resolve("state").toString();
    }

    private CliRunner.Result run(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of("--config", config, "--state-dir", state));
        all.addAll(List.of(args));
        return CliRunner.run(all.toArray(String[]::new));
    }

    @Test
    void trainTagsAreCutAndPromotionWaitsForTheSoak() throws Exception {
        assertThat(run("train", "next-tag", "--track", "dev").out()).isEqualTo("v0.5.0-dev.1\n");
        CliRunner.Result cut = run("train", "cut", "--track", "dev", "--as", "ci");
        assertThat(cut.code()).isZero();
        assertThat(cut.out()).isEqualTo("cut v0.5.0-dev.1 at " + head.substring(0, 7) + "\n");
        assertThat(git.run("for-each-ref", "--format=%(objecttype) %(refname:short) %(*objectname)", "refs/tags"))
                .isEqualTo("tag v0.5.0-dev.1 " + head);

        CliRunner.Result blocked = run("train", "promote", "--from-tag", "v0.5.0-dev.1", "--to-track", "staging");
        assertThat(blocked.code()).isEqualTo(2);
        assertThat(blocked.err()).startsWith("error: NOT_DEPLOYED: v0.5.0-dev.1 was never deployed successfully");

        Instant deployedAt = CliRunner.CLOCK.instant().minusSeconds(8 * 24 * 3600);
        new FileStateStore(Path.of(state), CliRunner.CLOCK)
                .recordDeployment(new Deployment(
                        "d1", "dev", "v0.5.0-dev.1", List.of("api"), deployedAt, deployedAt, Outcome.SUCCEEDED, "p"));
        CliRunner.Result promoted =
                run("--json", "train", "promote", "--from-tag", "v0.5.0-dev.1", "--to-track", "staging");
        assertThat(promoted.code()).isZero();
        assertThat(promoted.out()).contains("\"tag\":\"v0.5.0-staging.1\"", "\"promotedFrom\":\"v0.5.0-dev.1\"");

        PostIncidentReview pir = new PostIncidentReviews(Path.of(state), CliRunner.CLOCK)
                .draft(new Incident(
                        Incident.Kind.ROLLBACK,
                        "staging",
                        "api",
                        "v0.5.0-staging.1",
                        "v0.5.0-dev.1 promoted",
                        CliRunner.CLOCK.instant(),
                        List.of(),
                        List.of()));
        Files.writeString(tmp.resolve("2026-11-20-unrelated.md"), "no tag here\n");
        CliRunner.Result report = run("train", "report", "--since", "2026-11-01", "--reviews", tmp.toString());
        assertThat(report.out())
                .contains("deploys on scheduled train days: 0 of 1 (0.0%)")
                .contains("unscheduled non-hotfix deploys: 1")
                .contains("post-incident reviews citing a train tag: 1 of 2 (" + pir.id() + ")")
                .contains("Definitions:");
    }

    @Test
    void calendarPrintsTheNextTrainsWithOnCall() {
        CliRunner.Result md = run("train", "calendar", "--count", "2");
        assertThat(md.code()).isZero();
        assertThat(md.out())
                .contains("| dev | 2026-12-01 Tue | 14:00 | 14:00 UTC | alice | runs |")
                .contains("| staging | 2026-12-09 Wed | 14:00 | 14:00 UTC | bob | runs |")
                .contains("On demand (no schedule): hotfix.");
        assertThat(run("train", "calendar", "--format", "ics").out()).startsWith("BEGIN:VCALENDAR\r\n");
        CliRunner.Result bad = run("train", "calendar", "--count", "0");
        assertThat(bad.code()).isEqualTo(3);
        assertThat(bad.err()).isEqualTo("error: --count must be between 1 and 520, not 0\n");
    }

    @Test
    void releaseCandidatesNeedEveryGroupBeforeFinal() throws Exception {
        assertThat(run("rc", "cut", "--as", "ci").out())
                .isEqualTo("cut 2026.1.0-rc.1 at " + head.substring(0, 7) + "\n");
        assertThat(run("rc", "approve", "--as", "luis").out())
                .isEqualTo("luis approved 2026.1.0-rc.1; 1 of 2 approver groups approved; missing: qa\n");
        CliRunner.Result blocked = run("rc", "promote");
        assertThat(blocked.code()).isEqualTo(2);
        assertThat(blocked.err()).startsWith("error: APPROVALS: 1 of 2 approver groups approved; missing: qa");
        run("rc", "approve", "--as", "rafaella");
        CliRunner.Result done = run("rc", "promote", "--as", "ci");
        assertThat(done.code()).isZero();
        assertThat(done.out()).isEqualTo("promoted 2026.1.0-rc.1 to 2026.1.0 at " + head.substring(0, 7) + "\n");
        assertThat(git.run("rev-parse", "2026.1.0^{commit}")).isEqualTo(head);
        assertThat(git.run("tag", "-l", "-n9", "2026.1.0")).contains("approvals: product=luis, qa=rafaella");
    }

    @Test
    void badInputIsExitThree() {
        CliRunner.Result unknown = run("train", "cut", "--track", "devv");
        assertThat(unknown.code()).isEqualTo(3);
        assertThat(unknown.err()).isEqualTo("error: unknown track 'devv'; did you mean 'dev'?\n");
        CliRunner.Result notTag = run("train", "promote", "--from-tag", "v0.5-dev.1", "--to-track", "staging");
        assertThat(notTag.code()).isEqualTo(3);
        CliRunner.Result notRepo = run(
                "train",
                "next-tag",
                "--track",
                "dev",
                "--repo",
                tmp.resolve("nope").toString());
        assertThat(notRepo.code()).isEqualTo(3);
        assertThat(notRepo.err()).endsWith("nope: not a git repository\n");
    }
}
