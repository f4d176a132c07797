package io.releaseguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseguard.engine.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An operator's session against one service {@code api} in {@code prod} whose deploy command writes {@code
 * APP_RELEASE=<release>} into the target's {@code app.env} (and fails for a release whose name contains {@code bad},
 * after writing it): promotions, rollbacks, dry runs and history through the CLI's entry point. Each run starts one
 * minute after the previous one and its clock moves one millisecond each time it is read, as a real one would between
 * the steps of a promotion (a fixed clock would give a deployment's start and its snapshot the same instant).
 */
final class RollbackStory {
    /** The deploy script: {@code $1} is the release, {@code $2} the file to write (relative to where it runs). */
    static final String DEPLOY_SCRIPT =
            """
            #!/bin/sh
            echo "APP_RELEASE=$1" > "$2"
            case "$1" in *bad*) echo "$1 does not start" >&2; exit 1 ;; esac
            """;

    private final Path policy;
    private final Path state;
    private final Path appEnv;
    private Instant now = Instant.parse("2026-11-24T15:00:00Z");

    /**
     * @param policy the policy file (service {@code api}, environment {@code prod}, {@code snapshot.files: [app.env]})
     * @param appEnv where the target's {@code app.env} is on this machine (the SSH target's folder is local too)
     */
    RollbackStory(Path policy, Path state, Path appEnv) {
        this.policy = policy;
        this.state = state;
        this.appEnv = appEnv;
    }

    /** The policy text for a target given as YAML lines under {@code targets.prod}, indented by 8. */
    static String policy(String deployCommand, String targetYaml) {
        return "version: 1\n"
                + "environments:\n  - name: prod\n"
                + "services:\n  - name: api\n"
                + "    deploy: { command: \"" + deployCommand + "\" }\n"
                + "    snapshot: { files: [app.env] }\n"
                + "    targets:\n"
                + "      prod:\n"
                + targetYaml;
    }

    CliRunner.Result run(String... args) {
        now = now.plusSeconds(60);
        List<String> all = new ArrayList<>(List.of("--config", policy.toString(), "--state-dir", state.toString()));
        all.addAll(List.of(args));
        return CliRunner.runWith(
                new MutableClock(now).ticking(Duration.ofMillis(1)), Map.of(), all.toArray(String[]::new));
    }

    /** Promotes each release in turn; each must go live. */
    void promote(String... releases) throws Exception {
        for (String release : releases) {
            CliRunner.Result r = run("promote", "--release", release, "--to", "prod", "--as", "zoe");
            assertThat(r.code()).as(r.out() + r.err()).isZero();
            assertThat(appRelease()).isEqualTo(release);
        }
    }

    /** Closes every open post-incident review (a rollback drafts one, and an open one blocks the next promotion). */
    void closeReviews() {
        CliRunner.Result open = run("pir", "list");
        List<String> ids = java.util.regex.Pattern.compile("pir-\\S+")
                .matcher(open.out())
                .results()
                .map(m -> m.group())
                .toList();
        assertThat(ids).as(open.out()).isNotEmpty();
        for (String id : ids) {
            CliRunner.Result closed = run("pir", "close", "--id", id, "--by", "carol");
            assertThat(closed.code()).as(closed.out() + closed.err()).isZero();
        }
    }

    CliRunner.Result promoteFailing(String release) {
        return run("promote", "--release", release, "--to", "prod", "--as", "zoe");
    }

    CliRunner.Result rollback(String... extra) {
        List<String> args = new ArrayList<>(List.of("rollback", "--env", "prod", "--service", "api", "--snapshot"));
        args.addAll(List.of(extra));
        return run(args.toArray(String[]::new));
    }

    CliRunner.Result restoreDryRun() {
        return run("snapshot", "restore", "--env", "prod", "--service", "api", "--dry-run");
    }

    /** The release the target's {@code app.env} names. */
    String appRelease() throws Exception {
        String text = Files.readString(appEnv).strip();
        assertThat(text).startsWith("APP_RELEASE=");
        return text.substring("APP_RELEASE=".length());
    }

    /** Rolls back once and checks the target holds {@code expected} afterwards, which the output names as live. */
    void rollsBackTo(String undone, String expected) throws Exception {
        CliRunner.Result r = rollback();
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out())
                .contains("release " + undone + ": ROLLED_BACK")
                .contains("snapshot taken before " + undone + " — holds " + expected + "'s files")
                .contains(expected + " is live again in prod");
        assertThat(appRelease()).as("app.env after rolling back " + undone).isEqualTo(expected);
    }

    /** The dry runs of both commands name the snapshot of {@code current}'s deploy and change nothing. */
    void dryRunsName(String current, String holds) throws Exception {
        String text = "snapshot taken before " + current + " — holds " + holds + "'s files";
        CliRunner.Result list = run("snapshot", "list", "--env", "prod", "--service", "api");
        assertThat(list.out()).as("snapshot list").contains(text);
        CliRunner.Result restore = restoreDryRun();
        assertThat(restore.code()).as(restore.out() + restore.err()).isZero();
        assertThat(restore.out()).contains("would restore ").contains(text).contains("REPLACE   app.env");
        CliRunner.Result rollback = rollback("--dry-run");
        assertThat(rollback.code()).as(rollback.out() + rollback.err()).isZero();
        assertThat(rollback.out()).contains("release " + current + ": DRY_RUN").contains(text);
        assertThat(appRelease()).as("a dry run changes nothing").isEqualTo(current);
    }

    /** The first line of {@code history} is {@code release}'s deployment, marked live. */
    void historyShowsLive(String release) {
        CliRunner.Result h = run("history", "--env", "prod");
        assertThat(h.code()).as(h.err()).isZero();
        List<String> live = h.out().lines().filter(l -> l.contains("(live)")).toList();
        assertThat(live).as(h.out()).hasSize(1);
        assertThat(live.get(0)).contains(" " + release + " ");
    }
}
