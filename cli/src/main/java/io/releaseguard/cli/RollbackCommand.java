package io.releaseguard.cli;

import io.releaseguard.engine.JsonReports;
import io.releaseguard.engine.rollback.PullRequestClient;
import io.releaseguard.engine.rollback.RevertDecision;
import io.releaseguard.engine.rollback.Rollbacks;
import io.releaseguard.engine.snapshot.RestoreResult;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code release-guard rollback}: restore snapshots or revert the failing service's promotion in git. */
@Command(
        name = "rollback",
        description = "Roll an environment back: restore snapshots (--snapshot) or open a git revert of the failing"
                + " service's changes (--git). Exit 0 when rolled back (or the dry run would), 5 when it failed or"
                + " needs manual triage.")
final class RollbackCommand extends Subcommand implements Callable<Integer> {
    @Option(names = "--env", required = true, paramLabel = "ENV", description = "environment")
    private String env;

    @Option(names = "--service", paramLabel = "SERVICE", description = "the failing service")
    private String service;

    @ArgGroup(exclusive = true)
    private ModeOption mode;

    @Option(names = "--dry-run", description = "decide and print; change nothing, send nothing")
    private boolean dryRun;

    @Mixin
    private ActorOption actor;

    /** {@code --snapshot} or {@code --git}; neither lets the engine choose. */
    static final class ModeOption {
        @Option(names = "--snapshot", description = "restore snapshots of the declared files")
        boolean snapshot;

        @Option(names = "--git", description = "revert the promotion's changes of the failing service in git")
        boolean git;
    }

    @Override
    public Integer call() throws Exception {
        Optional<Rollbacks.Mode> requested =
                mode == null ? Optional.empty() : Optional.of(mode.git ? Rollbacks.Mode.GIT : Rollbacks.Mode.SNAPSHOT);
        Rollbacks.Report report = Engines.rollbacks(root)
                .rollback(root.loadConfig(), env, Optional.ofNullable(service), requested, dryRun, actor.actor());
        PrintWriter out = out();
        if (root.json()) {
            out.println(JsonReports.write(report));
            return report.verdict().exitCode().code();
        }
        out.println("rollback of " + env + " (" + report.mode().name().toLowerCase(java.util.Locale.ROOT)
                + (dryRun ? ", dry run" : "") + "), release " + report.release() + ": " + report.verdict());
        for (RestoreResult r : report.restores()) {
            SnapshotCommand.print(out, r);
        }
        report.git().ifPresent(d -> print(out, d));
        report.live().ifPresent(r -> out.println(r + " is live again in " + env + " (release-guard history)"));
        report.review()
                .ifPresent(id -> out.println("post-incident review drafted: " + id + " (release-guard pir list)"));
        return report.verdict().exitCode().code();
    }

    private static void print(PrintWriter out, RevertDecision d) {
        out.println(
                "promotion " + d.promotionCommit() + " \"" + d.promotionSubject() + "\" on " + d.productionBranch());
        if (d.outcome() == RevertDecision.Outcome.REVERTED) {
            out.println((d.dryRun() ? "would revert " : "reverted ")
                    + d.service().orElseThrow() + ": " + String.join(", ", d.files()));
            out.println("branch " + d.branch().orElseThrow()
                    + d.revertCommit().map(c -> " at " + c).orElse(""));
            d.irreversible().forEach(f -> out.println("IRREVERSIBLE (check by hand): " + f));
        } else {
            out.println("MANUAL TRIAGE NEEDED: nothing was reverted");
        }
        d.evidence().forEach(e -> out.println("  " + e));
        d.pullRequest().filter(p -> d.created().isEmpty()).ifPresent(p -> printRequest(out, p));
        d.created().ifPresent(c -> out.println("pull request #" + c.number() + ": " + c.url()));
    }

    private static void printRequest(PrintWriter out, PullRequestClient.Request p) {
        out.println("would send: " + p.method() + " " + p.url());
        p.headers().forEach((k, v) -> out.println("  " + k + ": " + v));
        out.println("  " + p.json());
    }
}
