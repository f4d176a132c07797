package io.releaseguard.engine.testing;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;

/**
 * Waits for a condition another thread or process brings about (a lease renewed, a file written), polling it every
 * few milliseconds until a deadline, as Awaitility does (which the offline build cannot fetch). It fails with {@code
 * what} when the deadline passes; it never waits a fixed time.
 */
public final class Eventually {
    private Eventually() {}

    /** Returns as soon as {@code condition} holds; throws {@link AssertionError} naming {@code what} after {@code atMost}. */
    public static void until(String what, Duration atMost, Callable<Boolean> condition) {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (true) {
            try {
                if (Boolean.TRUE.equals(condition.call())) {
                    return;
                }
            } catch (Exception e) {
                throw new AssertionError("while waiting for " + what + ": " + e, e);
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("gave up after " + atMost + " waiting for " + what);
            }
            LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
        }
    }
}
