package io.releaseguard.cli;

import io.releaseguard.engine.promotion.PromoteRequest;
import io.releaseguard.engine.promotion.Promoter;
import io.releaseguard.engine.state.PendingPromotion;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code release-guard resume}: finishes (or rolls back) promotions interrupted mid-rollout. */
@Command(
        name = "resume",
        description = "Resume promotions interrupted during their rollout (a crash, kill -9, a halt): each finishes or"
                + " rolls back; steps already done are not repeated. Exit: the worst of the promotions' exit codes.")
final class ResumeCommand extends Subcommand implements Callable<Integer> {
    @Option(names = "--promotion", paramLabel = "ID", description = "only this promotion")
    String promotion;

    @Override
    public Integer call() throws Exception {
        List<PendingPromotion> interrupted = Promoter.interrupted(root.state(), Optional.ofNullable(promotion));
        if (interrupted.isEmpty()) {
            out().println(promotion == null ? "nothing to resume" : "promotion " + promotion + " is not interrupted");
            return promotion == null ? 0 : io.releaseguard.engine.ExitCode.INVALID.code();
        }
        int worst = 0;
        for (PendingPromotion p : interrupted) {
            out().println("resuming " + p.id() + " (" + p.release() + " to " + p.environment() + ")");
            int code = PromoteCommand.run(root, out(), PromoteRequest.resuming(p));
            worst = Math.max(worst, code);
        }
        return worst;
    }
}
