package io.releaseguard.engine.train;

import io.releaseguard.engine.ReleaseGuardException;
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
}
