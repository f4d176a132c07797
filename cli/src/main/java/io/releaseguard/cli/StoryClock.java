package io.releaseguard.cli;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The demo's clock: story time that only moves when the story says so (a jump, or a soak waited out). */
final class StoryClock extends Clock {
    private volatile Instant now;

    StoryClock(Instant start) {
        this.now = start;
    }

    void set(Instant instant) {
        now = instant;
    }

    synchronized void advance(Duration d) {
        now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }
}
