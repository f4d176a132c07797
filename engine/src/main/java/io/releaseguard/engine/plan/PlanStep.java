package io.releaseguard.engine.plan;

import java.util.List;

/**
 * One gate or action of a promotion plan, in the order the promotion would meet it, with what is known now: a
 * gate already decidable shows its verdict, one that depends on the future (approvals, health) shows PENDING.
 */
public record PlanStep(int number, Kind kind, String title, StepVerdict verdict, List<String> details) {
    public PlanStep {
        details = List.copyOf(details);
    }

    /** What the step is. */
    public enum Kind {
        PATH,
        COMMIT_STATUS,
        CALENDAR,
        SOAK,
        KILL_SWITCH,
        APPROVALS,
        LOCK,
        SNAPSHOT,
        DEPLOY,
        HEALTH,
        FLEET,
        REGRESSION,
        RETAG,
        MANIFEST,
        FOLLOWUP
    }

    /** What is known about the step before the promotion runs; worst-wins order. */
    public enum StepVerdict {
        OK,
        ACTION,
        PENDING,
        BLOCKED;

        public StepVerdict worst(StepVerdict other) {
            return compareTo(other) >= 0 ? this : other;
        }
    }
}
