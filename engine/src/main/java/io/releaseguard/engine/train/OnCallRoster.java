package io.releaseguard.engine.train;

import io.releaseguard.engine.config.TrainsSpec.OnCall;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Who is on call on a date. The rule: an explicit date entry wins; otherwise the rotation starts with its first person
 * on {@code startsOn} and hands over every {@code every} (whole days, at least one); before {@code startsOn}, or with
 * no rotation and no entry for the date, nobody is on call.
 */
public final class OnCallRoster {
    private final Optional<OnCall> onCall;

    public OnCallRoster(Optional<OnCall> onCall) {
        this.onCall = onCall;
    }

    /** The person on call on {@code date}, if anyone. */
    public Optional<String> on(LocalDate date) {
        if (onCall.isEmpty()) {
            return Optional.empty();
        }
        OnCall o = onCall.get();
        String explicit = o.explicit().get(date);
        if (explicit != null) {
            return Optional.of(explicit);
        }
        if (o.rotation().isEmpty()
                || o.startsOn().isEmpty()
                || date.isBefore(o.startsOn().get())) {
            return Optional.empty();
        }
        long periodDays = Math.max(1, o.every().toDays());
        long turn = ChronoUnit.DAYS.between(o.startsOn().get(), date) / periodDays;
        return Optional.of(o.rotation().get((int) (turn % o.rotation().size())));
    }
}
