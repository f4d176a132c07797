package io.releaseguard.engine.calendar;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One thing that blocks a deployment: a stable code, the rule's name (the freeze name, or the environment for
 * windows and intervals), a message showing the observed value against the limit, and {@code until}, the instant at
 * which this reason alone stops blocking (empty when it never does).
 */
public record Reason(ReasonCode code, String name, String message, Optional<Instant> until) {
    public Reason {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(until, "until");
    }

    /** {@code CODE: message}, the form shown to people and written to logs. */
    public String describe() {
        return code + ": " + message;
    }
}
