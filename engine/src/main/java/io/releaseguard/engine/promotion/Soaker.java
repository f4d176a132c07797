package io.releaseguard.engine.promotion;

import java.time.Duration;

/** Port: waits out a soak period. The real one sleeps; tests advance their clock instead. */
@FunctionalInterface
public interface Soaker {
    void soak(Duration duration) throws InterruptedException;

    /** Sleeps on the calling thread. */
    Soaker SLEEP = d -> {
        if (!d.isZero() && !d.isNegative()) {
            Thread.sleep(d.toMillis());
        }
    };
}
