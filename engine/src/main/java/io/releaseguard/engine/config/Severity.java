package io.releaseguard.engine.config;

/** How bad a failed check is: FATAL fails the gate, WARN only degrades it. */
public enum Severity {
    FATAL,
    WARN
}
