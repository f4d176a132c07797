package io.releaseguard.engine.config;

import java.util.Set;

/** What an emergency override may skip, and whether it must give a reason (it is then recorded and reviewed). */
public record EmergencyPolicy(Set<Bypass> bypass, boolean requireReason) {
    public static final EmergencyPolicy DEFAULT = new EmergencyPolicy(Set.of(), true);

    public EmergencyPolicy {
        bypass = Set.copyOf(bypass);
    }

    public boolean allows(Bypass gate) {
        return bypass.contains(gate);
    }

    /** A gate an emergency may bypass; the YAML spelling is {@link #key()}. */
    public enum Bypass {
        WINDOWS("windows"),
        FREEZES("freezes"),
        MIN_INTERVAL("minInterval"),
        SOAK("soak"),
        APPROVALS("approvals"),
        COMMIT_STATUSES("commitStatuses");

        private final String key;

        Bypass(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }
    }
}
