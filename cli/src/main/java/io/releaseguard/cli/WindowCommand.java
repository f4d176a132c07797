package io.releaseguard.cli;

import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.calendar.CalendarDecision;
import io.releaseguard.engine.calendar.CalendarJson;
import io.releaseguard.engine.calendar.DeployCalendar;
import io.releaseguard.engine.calendar.Describe;
import io.releaseguard.engine.calendar.EmergencyOverride;
import io.releaseguard.engine.calendar.HttpAndFileIcsFetcher;
import io.releaseguard.engine.calendar.Reason;
import io.releaseguard.engine.config.ReleaseGuardConfig;
import io.releaseguard.engine.state.Deployment;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code release-guard window}: may a deployment to ENV start at an instant? Exit 0 open, 2 blocked, 3 invalid. */
@Command(
        name = "window",
        description = "Decide whether deploying to ENV is allowed now (or at --at): freezes, windows, minimum"
                + " interval. Exit 0 when allowed, 2 when blocked.")
final class WindowCommand extends Subcommand implements Callable<Integer> {
    /** How long a URL calendar may take to answer before the decision fails as invalid configuration. */
    static final Duration ICS_TIMEOUT = Duration.ofSeconds(10);

    @Option(names = "--env", required = true, paramLabel = "ENV", description = "target environment")
    private String env;

    @Option(names = "--at", paramLabel = "INSTANT", description = "decide at this instant (default: now)")
    private String at;

    @Option(
            names = "--last-deploy",
            paramLabel = "INSTANT",
            description = "last successful deployment to ENV (default: from the state store)")
    private String lastDeploy;

    @Option(names = "--emergency", description = "emergency override: skip what emergency.bypass allows")
    private boolean emergency;

    @Option(names = "--reason", paramLabel = "TEXT", description = "why the emergency override is needed")
    private String reason;

    @Override
    public Integer call() throws Exception {
        ReleaseGuardConfig config = root.loadConfig();
        DeployCalendar calendar = DeployCalendar.compile(config, new HttpAndFileIcsFetcher(ICS_TIMEOUT));
        calendar.requireEnvironment(env);
        if (reason != null && !emergency) {
            throw new ReleaseGuardException(ExitCode.INVALID, "--reason is only meaningful with --emergency");
        }
        EmergencyOverride override = emergency
                ? EmergencyOverride.request(Optional.ofNullable(reason), config.emergency())
                : EmergencyOverride.NONE;
        Instant when = at == null ? root.clock().instant().truncatedTo(ChronoUnit.SECONDS) : instant("--at", at);
        Optional<Instant> last = lastDeploy != null
                ? Optional.of(instant("--last-deploy", lastDeploy))
                : root.state().lastSuccessful(env).map(WindowCommand::finished);
        CalendarDecision d = calendar.decide(env, when, last, override);
        if (root.json()) {
            out().println(CalendarJson.write(CalendarJson.decision(d)));
        } else {
            render(d, calendar, out());
        }
        return d.isOpen() ? ExitCode.OK.code() : ExitCode.BLOCKED.code();
    }

    /** The interval counts from when the last deployment finished (it went live then). */
    private static Instant finished(Deployment d) {
        return d.end() == null ? d.start() : d.end();
    }

    static Instant instant(String option, String text) throws ReleaseGuardException {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new ReleaseGuardException(
                    ExitCode.INVALID,
                    option + " \"" + text + "\" is not an instant (ISO-8601 with zone, e.g. 2026-12-24T10:00:00Z)");
        }
    }

    private void render(CalendarDecision d, DeployCalendar calendar, PrintWriter out) {
        out.println(
                d.environment() + " at " + d.at() + ": " + d.verdict() + (d.isOpen() ? " (deploying is allowed)" : ""));
        for (Reason r : d.reasons()) {
            out.println("  " + r.describe());
        }
        for (Reason r : d.overridden()) {
            out.println("  overridden by emergency: " + r.describe());
        }
        if (!d.isOpen()) {
            out.println("next open: "
                    + d.nextOpen()
                            .map(t -> Describe.instant(t, calendar.zoneOf(d.environment())))
                            .orElse("none within " + DeployCalendar.HORIZON.toDays() + " days"));
        }
    }
}
