package io.releaseguard.engine.plan;

import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.calendar.CalendarDecision;
import io.releaseguard.engine.calendar.DeployCalendar;
import io.releaseguard.engine.calendar.Describe;
import io.releaseguard.engine.calendar.EmergencyOverride;
import io.releaseguard.engine.calendar.Reason;
import io.releaseguard.engine.config.Durations;
import io.releaseguard.engine.config.EnvironmentSpec;
import io.releaseguard.engine.config.FreezeSpec;
import io.releaseguard.engine.config.WindowSpec;
import io.releaseguard.engine.plan.PlanStep.Kind;
import io.releaseguard.engine.plan.PlanStep.StepVerdict;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The calendar gate of a plan: the configured windows, freezes and minimum interval, and the calendar's decision
 * now. A plan is a snapshot: the real promotion decides again immediately before every production action.
 */
final class CalendarSteps {
    private CalendarSteps() {}

    static void describe(
            DeployCalendar calendar,
            EnvironmentSpec target,
            Instant now,
            Optional<Instant> lastDeploy,
            Planner.Steps steps)
            throws ReleaseGuardException {
        List<String> details = new ArrayList<>();
        for (WindowSpec w : target.windows()) {
            details.add("window: " + Describe.window(w) + (w.crossesMidnight() ? " (crosses midnight)" : ""));
        }
        target.minInterval()
                .ifPresent(i -> details.add(
                        "minInterval: " + Durations.format(i) + " between successful deployments to " + target.name()));
        for (FreezeSpec f : calendar.config().freezesFor(target.name())) {
            details.add("freeze " + f.name() + ": " + Describe.rule(f.rule()));
        }
        if (details.isEmpty()) {
            return;
        }
        CalendarDecision decision = calendar.decide(target.name(), now, lastDeploy, EmergencyOverride.NONE);
        ZoneId zone = calendar.zoneOf(target.name());
        if (decision.isOpen()) {
            details.add("now (" + Describe.instant(now, zone) + "): OPEN");
        } else {
            details.add("now (" + Describe.instant(now, zone) + "): BLOCKED");
            for (Reason r : decision.reasons()) {
                details.add(r.describe());
            }
            details.add("next open: "
                    + decision.nextOpen()
                            .map(t -> Describe.instant(t, zone))
                            .orElse("none within " + DeployCalendar.HORIZON.toDays() + " days"));
        }
        if (!calendar.config().emergency().bypass().isEmpty()) {
            details.add("an emergency (--emergency --reason) may bypass: "
                    + calendar.config().emergency().bypass().stream()
                            .map(b -> b.key())
                            .sorted()
                            .collect(Collectors.joining(", ")));
        }
        details.add("re-checked immediately before every production action and between batches");
        steps.add(
                Kind.CALENDAR,
                "calendar: windows, freezes, minimum interval",
                decision.isOpen() ? StepVerdict.OK : StepVerdict.BLOCKED,
                details);
    }
}
