package io.releaseguard.jenkins.promotion;

import io.releaseguard.engine.promotion.Soaker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * How a promotion step waits out a soak without a controller thread: a wait of at most {@link #PARK_OVER} is slept
 * on the promotion thread; a longer one ends the attempt with {@link StepOutcome.Waiting}, and the step promotes
 * again after {@link #delay}. The engine journals the soak's end and releases the environment lock when the attempt
 * returns; the next attempt re-acquires the lock, waits what is left (again parked when woken early) and deploys
 * nothing already done.
 */
public final class SoakParking {
    /** Longest wait a promotion thread sleeps through; the lease keeper renews the lock meanwhile. */
    public static final Duration PARK_OVER = Duration.ofSeconds(10);

    private SoakParking() {}

    /** The soaker of a step's attempts. */
    public static Soaker soaker() {
        return Soaker.parkingOver(PARK_OVER, Soaker.SLEEP);
    }

    /** How long from now until {@code until}, never negative: the delay to schedule the next attempt with. */
    public static Duration delay(Instant until, Clock clock) {
        Duration d = Duration.between(clock.instant(), until);
        return d.isNegative() ? Duration.ZERO : d;
    }
}
