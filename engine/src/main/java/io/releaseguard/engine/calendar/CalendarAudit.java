package io.releaseguard.engine.calendar;

import io.releaseguard.engine.audit.AuditEntry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The audit record of a calendar decision taken during a real promotion: the verdict, every blocking reason, what an
 * emergency override bypassed and its written reason. Promotion code appends one per check, including the checks
 * between batches, so a reviewer sees exactly what the calendar said at each step.
 */
public final class CalendarAudit {
    /** The audit action of calendar decisions. */
    public static final String ACTION = "calendar.decide";

    private CalendarAudit() {}

    /** The entry for {@code decision}, taken by {@code actor} about {@code subject} (release or promotion id). */
    public static AuditEntry entry(
            CalendarDecision decision, String actor, String subject, EmergencyOverride override) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("at", decision.at().toString());
        details.put("nextOpen", decision.nextOpen().map(Object::toString).orElse("none"));
        for (int i = 0; i < decision.reasons().size(); i++) {
            details.put("reason." + i, decision.reasons().get(i).describe());
        }
        for (int i = 0; i < decision.overridden().size(); i++) {
            details.put("overridden." + i, decision.overridden().get(i).describe());
        }
        if (override.requested()) {
            details.put("emergency", override.reason().orElse("(no reason required)"));
        }
        String reason = decision.reasons().isEmpty()
                ? (decision.overridden().isEmpty() ? "open" : "open by emergency override")
                : decision.reasons().stream().map(Reason::describe).collect(Collectors.joining("; "));
        return new AuditEntry(
                actor,
                ACTION,
                decision.environment(),
                subject,
                decision.verdict().name(),
                reason,
                details);
    }
}
