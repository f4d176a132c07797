package io.releaseguard.engine.calendar;

import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.config.EmergencyPolicy;
import java.util.Optional;
import java.util.Set;

/**
 * A request to skip calendar gates in a real emergency. It may skip only what the policy's {@code emergency.bypass}
 * lists, and when the policy requires a reason it cannot be created without a non-blank one: the reason is what the
 * audit log records and reviewers read.
 */
public record EmergencyOverride(boolean requested, Optional<String> reason, Set<EmergencyPolicy.Bypass> bypass) {
    /** No emergency: every gate applies. */
    public static final EmergencyOverride NONE = new EmergencyOverride(false, Optional.empty(), Set.of());

    public EmergencyOverride {
        bypass = Set.copyOf(bypass);
        reason = reason.map(String::strip).filter(r -> !r.isEmpty());
    }

    /**
     * An emergency under {@code policy}.
     *
     * @throws ReleaseGuardException with {@link ExitCode#INVALID} when the policy requires a reason and none is given
     */
    public static EmergencyOverride request(Optional<String> reason, EmergencyPolicy policy)
            throws ReleaseGuardException {
        Optional<String> given = reason.map(String::strip).filter(r -> !r.isEmpty());
        if (policy.requireReason() && given.isEmpty()) {
            throw new ReleaseGuardException(
                    ExitCode.INVALID,
                    "an emergency override needs a reason (--reason TEXT): emergency.requireReason is true");
        }
        return new EmergencyOverride(true, given, policy.bypass());
    }

    /** Whether this override skips reasons with {@code code}. */
    public boolean skips(ReasonCode code) {
        return requested && bypass.contains(code.bypass());
    }
}
