package io.releaseguard.cli;

import io.releaseguard.engine.JsonReports;
import io.releaseguard.engine.promotion.PromoteRequest;
import io.releaseguard.engine.promotion.Promoter;
import io.releaseguard.engine.promotion.PromotionResult;
import io.releaseguard.engine.promotion.PromotionWiring;
import io.releaseguard.engine.promotion.Soaker;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code release-guard promote}: the product's main job. */
@Command(
        name = "promote",
        description = "Promote RELEASE into ENV through every guardrail. Exit 0 live, 2 blocked or halted (run again"
                + " to resume), 4 a check failed and the service was rolled back, or the release is live but retagging"
                + " its images failed (run again to retry the retag), 5 rollback failed.")
final class PromoteCommand extends Subcommand implements Callable<Integer> {
    @Option(names = "--release", required = true, paramLabel = "TAG", description = "release to promote")
    String release;

    @Option(names = "--to", required = true, paramLabel = "ENV", description = "target environment")
    String to;

    @Option(names = "--as", required = true, paramLabel = "USER", description = "who requests the promotion")
    String user;

    @Option(
            names = "--author",
            paramLabel = "USER",
            description = "a user who wrote the release and may not approve it (repeatable; the git author and"
                    + " committer of its commit are added when git.repository is set)")
    List<String> authors = new ArrayList<>();

    @Option(
            names = "--digest",
            paramLabel = "DIGEST",
            description = "artifact digest approvals are bound to (default: tag:RELEASE)")
    String digest;

    @Option(names = "--emergency", description = "bypass what the emergency policy allows; opens a review")
    boolean emergency;

    @Option(names = "--reason", paramLabel = "TEXT", description = "why this is an emergency")
    String reason;

    @Option(names = "--rollback", description = "allow promoting an older release than the one live")
    boolean rollback;

    @Option(names = "--dry-run", description = "print the full plan with every decision; change nothing")
    boolean dryRun;

    @Override
    public Integer call() throws Exception {
        if (dryRun) {
            return PlanCommand.print(root, out(), release, to);
        }
        if (reason != null && !emergency) {
            throw new io.releaseguard.engine.ReleaseGuardException(
                    io.releaseguard.engine.ExitCode.INVALID, "--reason goes with --emergency");
        }
        PromoteRequest request = new PromoteRequest(
                release,
                to,
                user,
                digest == null ? PromoteRequest.tagDigest(release) : digest,
                emergency ? Optional.of(reason == null ? "" : reason) : Optional.empty(),
                rollback,
                authors);
        return run(root, out(), request);
    }

    /** Runs one promotion with progress on {@code out}; shared with {@code resume}. */
    static int run(ReleaseGuardCommand root, java.io.PrintWriter out, PromoteRequest request) throws Exception {
        var config = root.loadConfig();
        try (PromotionWiring wiring = new PromotionWiring(
                config, root.state(), root.stateDir(), root.clock(), root.environment(), Soaker.SLEEP, line -> {
                    if (!root.json()) {
                        out.println(line);
                        out.flush();
                    }
                })) {
            PromotionResult result = new Promoter(wiring.context()).promote(request);
            out.println(root.json() ? JsonReports.write(result) : result.renderText());
            return result.exitCode().code();
        }
    }
}
