package io.releaseguard.cli;

import io.releaseguard.engine.health.BuildInfoReport;
import io.releaseguard.engine.health.CheckResult;
import io.releaseguard.engine.health.HealthGate;
import io.releaseguard.engine.health.HealthReport;
import io.releaseguard.engine.health.HttpHealthProbe;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code release-guard health}: runs the health gate for one environment and renders its report. */
@Command(
        name = "health",
        description = "Check every service (and every tenant of a fleet) in an environment: status, content, SHA.")
final class HealthCommand extends Subcommand implements Callable<Integer> {
    @Option(names = "--env", required = true, paramLabel = "ENV", description = "environment to check")
    private String env;

    @Option(names = "--service", paramLabel = "S", description = "only this service")
    private String service;

    @Option(
            names = "--release",
            paramLabel = "R",
            description = "release being promoted: replaces $${release} and is the SHA tenants must report")
    private String release;

    @Option(
            names = "--tenant",
            paramLabel = "T",
            split = ",",
            description = "only these tenants of a fleet (repeatable or comma-separated)")
    private List<String> tenants;

    @Option(names = "--fail-on-fatal", description = "exit 0 on WARN: only fatal failures fail the gate")
    private boolean failOnFatal;

    @Option(
            names = "--concurrency",
            paramLabel = "N",
            description = "checks in flight at once (default: ${DEFAULT-VALUE})")
    private int concurrency = HealthGate.DEFAULT_CONCURRENCY;

    @Override
    public Integer call() throws Exception {
        HealthReport report;
        try (HttpHealthProbe probe = new HttpHealthProbe()) {
            HealthGate gate = new HealthGate(probe, root.environment(), concurrency, Duration.ofMillis(200));
            report = gate.check(
                    root.loadConfig(),
                    env,
                    Optional.ofNullable(service),
                    Optional.ofNullable(release),
                    Optional.ofNullable(tenants));
        }
        var out = out();
        if (root.json()) {
            out.println(report.toJson());
        } else {
            for (CheckResult c : report.checks()) {
                out.printf(
                        "%-5s %-24s %-12s %4s %6dms %s — %s%n",
                        c.verdict(),
                        c.service() + c.tenant().map(t -> "/" + t).orElse(""),
                        c.check(),
                        c.status().isPresent() ? String.valueOf(c.status().getAsInt()) : "-",
                        c.latencyMs(),
                        c.url(),
                        c.message());
            }
            report.buildinfo().filter(b -> !b.mismatches().isEmpty()).ifPresent(b -> {
                out.println("buildinfo: expected " + b.expected() + "; disagreeing:");
                for (BuildInfoReport.Mismatch m : b.mismatches()) {
                    out.println("  " + m.tenant() + " reports " + m.reported().orElse("nothing (unreachable)"));
                }
            });
            out.println(env + ": " + report.verdict() + " (" + report.checks().size() + " checks)");
        }
        return report.exitCode(failOnFatal).code();
    }
}
