package io.releaseguard.engine.calendar;

import io.releaseguard.engine.config.FreezeSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * A reason that blocks, before it is worded: {@code since} is when it began (the freeze start, the instant itself
 * for windows, the last deployment for intervals) and {@code until} when it alone stops blocking ({@link
 * Instant#MAX} for never). Only the decision instant's blocks are turned into {@link Reason}s.
 */
record Block(ReasonCode code, FreezeSpec freeze, Instant since, Instant until) {

    Reason reason(DeployCalendar.CompiledEnvironment env, Instant at, ZoneId zone) {
        String envName = env.spec().name();
        Optional<Instant> end = until.equals(Instant.MAX) ? Optional.empty() : Optional.of(until);
        return switch (code) {
            case FREEZE -> new Reason(
                    code,
                    freeze.name(),
                    at + " is inside freeze '" + freeze.name() + "' (" + Describe.rule(freeze.rule())
                            + "): frozen from " + since + " until " + Describe.end(until),
                    end);
            case OUTSIDE_WINDOW -> new Reason(
                    code,
                    envName,
                    at + " (" + Describe.local(at, zone) + ") is outside every " + envName + " window ("
                            + Describe.windows(env.spec().windows()) + "); the next window opens at "
                            + Describe.end(until),
                    end);
            case MIN_INTERVAL -> new Reason(
                    code,
                    envName,
                    "last " + envName + " deploy " + since + " is " + age(since, at) + "; policy requires "
                            + Describe.hours(env.spec().minInterval().orElseThrow()) + " (open at " + until + ")",
                    end);
        };
    }

    private static String age(Instant last, Instant at) {
        Duration d = Duration.between(last, at);
        return d.isNegative() ? Describe.hours(d.negated()) + " in the future" : Describe.hours(d) + " ago";
    }
}
