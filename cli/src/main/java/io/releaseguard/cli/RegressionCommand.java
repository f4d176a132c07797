package io.releaseguard.cli;

import io.releaseguard.engine.JsonReports;
import io.releaseguard.engine.health.HttpHealthProbe;
import io.releaseguard.engine.regression.HttpProviders;
import io.releaseguard.engine.regression.RegressionReport;
import io.releaseguard.engine.regression.RegressionWatch;
import io.releaseguard.engine.regression.SignalResult;
import io.releaseguard.engine.regression.WatchedDeploy;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code release-guard regression}: one evaluation of error signals since a deploy against the baseline before it. */
@Command(
        name = "regression",
        description = "Compare error signals after a deploy with the baseline before it (Prometheus, Sentry).")
final class RegressionCommand extends Subcommand implements Callable<Integer> {
    @Option(names = "--env", required = true, paramLabel = "ENV", description = "environment to evaluate")
    private String env;

    @Option(
            names = "--since",
            required = true,
            paramLabel = "INSTANT",
            description = "deploy instant, ISO-8601 (e.g. 2026-11-24T14:00:00Z)")
    private Instant since;

    @Option(names = "--release", paramLabel = "R", description = "release the deploy shipped (named in the report)")
    private String release;

    @Option(
            names = "--service",
            paramLabel = "S",
            split = ",",
            description = "services the deploy shipped (default: every service of the environment); queries with"
                    + " ${service} are asked once per service")
    private List<String> services = List.of();

    @Override
    public Integer call() throws Exception {
        RegressionReport report;
        try (HttpHealthProbe probe = new HttpHealthProbe()) {
            RegressionWatch watch = new RegressionWatch(new HttpProviders(probe, root.environment()));
            WatchedDeploy deploy =
                    WatchedDeploy.fromHistory(root.state(), env, Optional.ofNullable(release), services, since);
            report = watch.evaluate(root.loadConfig(), deploy, root.clock().instant());
        }
        if (root.json()) {
            out().println(JsonReports.write(report));
        } else {
            print(report);
        }
        return report.exitCode().code();
    }

    private void print(RegressionReport r) {
        var out = out();
        out.println(r.environment() + " " + r.release().orElse("(release not named)") + ": baseline "
                + r.baselineStart() + " .. " + r.deployAt()
                + r.baselineRelease().map(b -> " (" + b + ")").orElse("") + ", after " + r.afterStart() + " .. "
                + r.afterEnd());
        for (SignalResult s : r.signals()) {
            out.printf("%-12s %-10s %s%n", s.verdict(), s.label(), s.message());
        }
        out.println(r.environment() + ": " + r.verdict()
                + (r.implicated().isEmpty() ? "" : " (" + String.join(", ", r.implicated()) + ")"));
    }
}
