package io.releaseguard.engine.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A {@link Clock} that tests move by hand, so time-dependent rules (lease expiry, windows, intervals) are tested
 * without sleeping. It is thread-safe; {@link #withZone} returns a view that shares the same instant.
 */
public final class MutableClock extends Clock {
    private final InstantHolder now;
    private final ZoneId zone;

    private static final class InstantHolder {
        private volatile Instant value;
        private volatile Duration tick = Duration.ZERO;

        InstantHolder(Instant value) {
            this.value = value;
        }
    }

    private MutableClock(InstantHolder now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    /** A clock standing at {@code start}, in UTC. */
    public MutableClock(Instant start) {
        this(new InstantHolder(start), ZoneOffset.UTC);
    }

    /** A clock standing at {@code start} (ISO-8601, e.g. {@code 2026-11-22T10:00:00Z}), in UTC. */
    public static MutableClock at(String start) {
        return new MutableClock(Instant.parse(start));
    }

    /** Moves the clock forward (or back, for a negative amount). */
    public MutableClock advance(Duration amount) {
        synchronized (now) {
            now.value = now.value.plus(amount);
        }
        return this;
    }

    /** Puts the clock at {@code instant}. */
    public MutableClock set(Instant instant) {
        now.value = instant;
        return this;
    }

    /**
     * From now on every read moves the clock forward by {@code step} after answering, as a real clock moves between
     * the steps of one run (a deployment's start and the snapshot taken after it must not share an instant).
     */
    public MutableClock ticking(Duration step) {
        now.tick = step;
        return this;
    }

    @Override
    public Instant instant() {
        if (now.tick.isZero()) {
            return now.value;
        }
        synchronized (now) {
            Instant answer = now.value;
            now.value = answer.plus(now.tick);
            return answer;
        }
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId newZone) {
        return new MutableClock(now, newZone);
    }
}
