package io.releaseguard.cli;

import io.releaseguard.engine.JsonReports;
import io.releaseguard.engine.state.Deployment;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code release-guard history}: deployments, newest first; each service's current deployment (the one a rollback would
 * undo) is marked {@code (live)}.
 */
@Command(name = "history", description = "List deployments, newest first.")
final class HistoryCommand extends Subcommand implements Callable<Integer> {

    @Option(names = "--env", paramLabel = "ENV", description = "only this environment")
    private String env;

    @Override
    public Integer call() throws Exception {
        List<Deployment> history = root.state().history(Optional.ofNullable(env));
        var out = out();
        if (root.json()) {
            out.println(JsonReports.write(history));
            return 0;
        }
        if (history.isEmpty()) {
            out.println("no deployments recorded" + (env == null ? "" : " to " + env) + " in " + root.stateDir());
        }
        List<Deployment> live = Deployment.live(history);
        for (Deployment d : history) {
            out.printf(
                    "%-25s %-10s %-28s %-16s %s%s%n",
                    d.start(),
                    d.environment(),
                    d.release(),
                    d.outcome(),
                    String.join(",", d.services()),
                    live.contains(d) ? " (live)" : "");
        }
        return 0;
    }
}
