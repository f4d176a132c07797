package io.releaseguard.engine.train;

import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.calendar.DeployCalendar;
import io.releaseguard.engine.calendar.EmergencyOverride;
import io.releaseguard.engine.calendar.Reason;
import io.releaseguard.engine.calendar.ReasonCode;
import java.time.Instant;
import java.util.Optional;

/**
 * The one question trains ask the deploy calendar: does a freeze cover a deployment to {@code environment} at
 * {@code at}? The answer names the freeze, so a skipped train says why.
 */
@FunctionalInterface
public interface FreezeCheck {
    /** A calendar without freezes. */
    FreezeCheck NONE = (environment, at) -> Optional.empty();

    /** The name of a freeze covering {@code at} for {@code environment}, if any. */
    Optional<String> freezeAt(String environment, Instant at) throws ReleaseGuardException;

    /**
     * The freezes of the deploy calendar. Windows and intervals do not skip trains (a train may wait for its window);
     * a track whose environment is not in the policy is covered by no freeze.
     */
    static FreezeCheck of(DeployCalendar calendar) {
        return (environment, at) -> {
            if (calendar.config().environment(environment).isEmpty()) {
                return Optional.empty();
            }
            return calendar.decide(environment, at, Optional.empty(), EmergencyOverride.NONE).reasons().stream()
                    .filter(r -> r.code() == ReasonCode.FREEZE)
                    .map(Reason::name)
                    .findFirst();
        };
    }
}
