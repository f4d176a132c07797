package io.releaseguard.engine.train;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Optional;

/**
 * One scheduled train: its track, when it leaves (UTC and in the track's zone), who is on call, and whether it will
 * be skipped. {@code skip} is empty for a train that runs; {@code skipDetail} names the freeze or the missing on-call.
 */
public record TrainDeparture(
        String track,
        String environment,
        Instant at,
        LocalDateTime local,
        String zone,
        Optional<String> onCall,
        Optional<SkipReason> skip,
        Optional<String> skipDetail) {

    /** Why a scheduled train will not run. */
    public enum SkipReason {
        /** Nobody is on call and the policy never runs an unmonitored train ({@code skipWithoutOnCall}). */
        NO_ON_CALL,
        /** A freeze of the deploy calendar covers the departure. */
        FREEZE
    }

    /** True when the train will run. */
    public boolean runs() {
        return skip.isEmpty();
    }
}
