package io.releaseguard.engine.promotion;

import java.time.Duration;

/**
 * Port: waits out a soak period. The real one sleeps; tests advance their clock instead. A soaker may instead
 * {@linkplain #parks park} a long wait: the promotion then stops at a journaled point with outcome
 * {@link PromotionResult.Outcome#WAITING} and the front promotes again at {@link PromotionResult#waitingUntil()},
 * holding no thread and no lock meanwhile.
 */
@FunctionalInterface
public interface Soaker {
    void soak(Duration duration) throws InterruptedException;

    /** Whether a wait of {@code left} ends this attempt instead of being waited out here; never, by default. */
    default boolean parks(Duration left) {
        return false;
    }

    /** Sleeps on the calling thread. */
    Soaker SLEEP = d -> {
        if (!d.isZero() && !d.isNegative()) {
            Thread.sleep(d.toMillis());
        }
    };

    /** {@code waits} for a wait of at most {@code threshold}; a longer one parks the promotion. */
    static Soaker parkingOver(Duration threshold, Soaker waits) {
        return new Soaker() {
            @Override
            public void soak(Duration duration) throws InterruptedException {
                waits.soak(duration);
            }

            @Override
            public boolean parks(Duration left) {
                return left.compareTo(threshold) > 0;
            }
        };
    }
}
