package io.releaseguard.engine.plan;

import java.util.List;
import java.util.Optional;

/**
 * The dry description of a promotion: every gate and step it would go through, in order, built without changing
 * anything. {@link #verdict()} is the worst step verdict: BLOCKED when something already known stops it.
 */
public record PromotionPlan(
        String release,
        String environment,
        Optional<String> source,
        List<String> path,
        List<PlanStep> steps,
        PlanStep.StepVerdict verdict) {

    public PromotionPlan {
        path = List.copyOf(path);
        steps = List.copyOf(steps);
    }

    /** The plan as people read it: one numbered line per step, details indented. */
    public String renderText() {
        StringBuilder sb = new StringBuilder();
        sb.append("Plan: promote ").append(release).append(" to ").append(environment);
        source.ifPresent(s -> sb.append(" (from ").append(s).append(')'));
        sb.append("\nPath: ").append(String.join(" -> ", path)).append('\n');
        for (PlanStep step : steps) {
            sb.append(String.format("%2d. [%-7s] %s%n", step.number(), step.verdict(), step.title()));
            for (String d : step.details()) {
                sb.append("        ").append(d).append('\n');
            }
        }
        sb.append("Verdict: ")
                .append(verdict)
                .append(verdict == PlanStep.StepVerdict.BLOCKED ? " (nothing was changed)" : "")
                .append('\n');
        return sb.toString();
    }

    /** Stable JSON for pipelines ({@code plan --json}). */
    public String toJson() {
        return io.releaseguard.engine.JsonReports.write(this);
    }
}
