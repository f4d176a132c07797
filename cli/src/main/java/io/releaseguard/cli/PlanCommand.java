package io.releaseguard.cli;

import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.plan.PlanStep;
import io.releaseguard.engine.plan.Planner;
import io.releaseguard.engine.plan.PromotionPlan;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code release-guard plan}: the dry description of a promotion; changes nothing. */
@Command(
        name = "plan",
        description = "Describe every gate and step promoting RELEASE to ENV would go through; changes nothing."
                + " Exit 2 when something already known blocks it.")
final class PlanCommand extends Subcommand implements Callable<Integer> {

    @Option(names = "--release", required = true, paramLabel = "TAG", description = "release to promote")
    private String release;

    @Option(names = "--to", required = true, paramLabel = "ENV", description = "target environment")
    private String to;

    @Override
    public Integer call() throws Exception {
        return print(root, out(), release, to);
    }

    /** Prints the plan (text or JSON) and returns 2 when something already known blocks it; also {@code --dry-run}. */
    static int print(ReleaseGuardCommand root, java.io.PrintWriter out, String release, String to) throws Exception {
        PromotionPlan plan = new Planner(root.clock()).plan(root.loadConfig(), release, to, root.state());
        out.print(root.json() ? plan.toJson() + "\n" : plan.renderText());
        return plan.verdict() == PlanStep.StepVerdict.BLOCKED ? ExitCode.BLOCKED.code() : ExitCode.OK.code();
    }
}
