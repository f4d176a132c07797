package io.releaseguard.cli;

import io.releaseguard.engine.JsonReports;
import io.releaseguard.engine.health.HttpHealthProbe;
import io.releaseguard.engine.health.Verdict;
import io.releaseguard.engine.regression.FileFollowupStore;
import io.releaseguard.engine.regression.Followup;
import io.releaseguard.engine.regression.FollowupRunner;
import io.releaseguard.engine.regression.HttpProviders;
import io.releaseguard.engine.regression.RegressionReport;
import io.releaseguard.engine.regression.RegressionWatch;
import io.releaseguard.engine.regression.SignalResult;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code release-guard followup}: lists the follow-up regression checkpoints, or with {@code --due} runs those that
 * are due and records their results.
 */
@Command(
        name = "followup",
        description = "List follow-up regression checkpoints; with --due, run those that are due and record them.")
final class FollowupCommand extends Subcommand implements Callable<Integer> {
    @Option(names = "--due", description = "run the follow-ups that are due now")
    private boolean due;

    @Override
    public Integer call() throws Exception {
        FileFollowupStore store = new FileFollowupStore(root.stateDir());
        if (!due) {
            List<Followup> all = store.all();
            if (root.json()) {
                out().println(JsonReports.write(all));
            } else if (all.isEmpty()) {
                out().println("no follow-ups scheduled in " + root.stateDir());
            } else {
                all.forEach(f -> out().printf(
                                "%-28s due %s  %s%n",
                                f.id(),
                                f.due(),
                                f.result().map(r -> r.verdict().name()).orElse("pending")));
            }
            return 0;
        }
        List<FollowupRunner.Outcome> outcomes;
        try (HttpHealthProbe probe = new HttpHealthProbe()) {
            FollowupRunner runner = new FollowupRunner(
                    new RegressionWatch(new HttpProviders(probe, root.environment())), store, root.state());
            outcomes = runner.runDue(root.loadConfig(), root.clock().instant());
        }
        if (root.json()) {
            out().println(JsonReports.write(outcomes));
        } else {
            if (outcomes.isEmpty()) {
                out().println("no follow-ups due");
            }
            for (FollowupRunner.Outcome o : outcomes) {
                Followup f = o.followup();
                out().println(o.verdict() + " " + f.id() + ": release " + f.release() + " in " + f.environment()
                        + ", services " + String.join(",", f.services())
                        + (o.implicated().isEmpty() ? "" : "; implicated: " + String.join(",", o.implicated())));
                for (SignalResult s : o.signals()) {
                    out().println("  " + s.label() + ": " + s.message());
                }
            }
        }
        Verdict worst = outcomes.stream().map(FollowupRunner.Outcome::verdict).reduce(Verdict.PASS, Verdict::worst);
        return RegressionReport.exitCodeFor(worst).code();
    }
}
