package io.releaseguard.engine.plan;

import io.releaseguard.engine.config.Durations;
import io.releaseguard.engine.config.EnvironmentSpec;
import io.releaseguard.engine.config.FreezeRule;
import io.releaseguard.engine.config.FreezeSpec;
import io.releaseguard.engine.config.ReleaseGuardConfig;
import io.releaseguard.engine.config.WindowSpec;
import io.releaseguard.engine.plan.PlanStep.Kind;
import io.releaseguard.engine.plan.PlanStep.StepVerdict;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Describes the calendar gate (windows, freezes, minimum interval, emergency bypass) of a plan. */
final class CalendarSteps {
    private CalendarSteps() {}

    static void describe(ReleaseGuardConfig config, EnvironmentSpec target, Planner.Steps steps) {
        List<String> details = new ArrayList<>();
        for (WindowSpec w : target.windows()) {
            details.add("window: " + days(w) + " " + w.from() + "-" + w.to() + " "
                    + w.zone().getId() + (w.crossesMidnight() ? " (crosses midnight)" : ""));
        }
        target.minInterval()
                .ifPresent(i -> details.add(
                        "minInterval: " + Durations.format(i) + " between successful deployments to " + target.name()));
        for (FreezeSpec f : config.freezesFor(target.name())) {
            details.add("freeze " + f.name() + ": " + rule(f.rule()));
        }
        if (details.isEmpty()) {
            return;
        }
        if (!config.emergency().bypass().isEmpty()) {
            details.add("an emergency (--emergency --reason) may bypass: "
                    + config.emergency().bypass().stream()
                            .map(b -> b.key())
                            .sorted()
                            .collect(Collectors.joining(", ")));
        }
        details.add("re-checked immediately before every production action and between batches");
        steps.add(Kind.CALENDAR, "calendar: windows, freezes, minimum interval", StepVerdict.PENDING, details);
    }

    private static String days(WindowSpec w) {
        return w.days().stream()
                .sorted()
                .map(DayOfWeek::name)
                .map(d -> d.substring(0, 3))
                .collect(Collectors.joining(","));
    }

    private static String monthDay(java.time.MonthDay d) {
        return String.format("%02d-%02d", d.getMonthValue(), d.getDayOfMonth());
    }

    private static String rule(FreezeRule rule) {
        if (rule instanceof FreezeRule.Yearly y) {
            return "every year " + monthDay(y.from()) + " to " + monthDay(y.to()) + " inclusive ("
                    + y.zone().getId() + ")";
        }
        if (rule instanceof FreezeRule.OneOff o) {
            return "from " + o.from() + " until " + o.to();
        }
        if (rule instanceof FreezeRule.Cron c) {
            return "from each '" + c.start() + "' to the next '" + c.end() + "' ("
                    + c.zone().getId() + ")";
        }
        return "every event of " + ((FreezeRule.Ics) rule).source();
    }
}
