package io.releaseguard.engine.killswitch;

/**
 * What the kill switch said when it was read: {@code engaged} stops every production call. A source that could not
 * be read is reported as engaged with {@code readable=false}: the switch fails closed.
 */
public record KillSwitchState(boolean engaged, boolean readable, String source, String reason) {
    public static KillSwitchState off(String source) {
        return new KillSwitchState(false, true, source, "not engaged");
    }

    public static KillSwitchState on(String source, String reason) {
        return new KillSwitchState(true, true, source, reason);
    }

    public static KillSwitchState unreadable(String source, String reason) {
        return new KillSwitchState(true, false, source, "unreadable, counted as engaged: " + reason);
    }

    /** One line for logs and audit records: {@code KILL_SWITCH: environment variable X=1 (engaged)}. */
    public String describe() {
        return "KILL_SWITCH: " + source + ": " + reason;
    }
}
