package io.releaseguard.engine.audit;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One decision as a caller hands it to the {@link AuditLog}: who decided what about which subject, the verdict and
 * why. The log adds the sequence number, the instant and the hash chain; {@code environment} is null for decisions
 * that concern no single environment, {@code details} holds extra observed values (sorted, never null).
 */
public record AuditEntry(
        String actor,
        String action,
        String environment,
        String subject,
        String verdict,
        String reason,
        Map<String, String> details) {

    public AuditEntry {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(reason, "reason");
        details = sortedCopy(details);
    }

    /** An entry without details. */
    public AuditEntry(String actor, String action, String environment, String subject, String verdict, String reason) {
        this(actor, action, environment, subject, verdict, reason, Map.of());
    }

    private static Map<String, String> sortedCopy(Map<String, String> details) {
        TreeMap<String, String> sorted = new TreeMap<>();
        if (details != null) {
            details.forEach((k, v) -> sorted.put(
                    Objects.requireNonNull(k, "details key"), Objects.requireNonNull(v, "details[" + k + "]")));
        }
        return Collections.unmodifiableSortedMap(sorted);
    }
}
