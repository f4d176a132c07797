package io.releaseguard.engine.calendar;

import io.releaseguard.engine.config.EmergencyPolicy;

/** Why the calendar blocks a deployment. The names are a stable contract printed by {@code window --json}. */
public enum ReasonCode {
    /** A freeze covers the instant. */
    FREEZE(EmergencyPolicy.Bypass.FREEZES),
    /** The environment has windows and none contains the instant. */
    OUTSIDE_WINDOW(EmergencyPolicy.Bypass.WINDOWS),
    /** The last successful deployment is more recent than the environment's {@code minInterval}. */
    MIN_INTERVAL(EmergencyPolicy.Bypass.MIN_INTERVAL);

    private final EmergencyPolicy.Bypass bypass;

    ReasonCode(EmergencyPolicy.Bypass bypass) {
        this.bypass = bypass;
    }

    /** The emergency bypass that may skip this reason. */
    public EmergencyPolicy.Bypass bypass() {
        return bypass;
    }
}
