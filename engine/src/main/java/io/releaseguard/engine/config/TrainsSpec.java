package io.releaseguard.engine.config;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Release trains: the current version {@code line} ("MAJOR.MINOR"), the tracks that cut tags on a schedule, and the
 * on-call rotation that must cover every train when {@code skipWithoutOnCall}.
 */
public record TrainsSpec(String line, Map<String, Track> tracks, Optional<OnCall> onCall, boolean skipWithoutOnCall) {
    public TrainsSpec {
        tracks = Map.copyOf(tracks);
    }

    /**
     * One track: a schedule ("weekly TUE 14:00", "biweekly WED 14:00" with an anchor, or "on-demand"), the
     * environment its tags are deployed to (default: the track's name), and the branch a scheduled train cuts from
     * (default: the repository's HEAD).
     */
    public record Track(
            String name,
            String schedule,
            ZoneId zone,
            Optional<String> promotesTo,
            Optional<Duration> soak,
            Optional<LocalDate> anchor,
            Optional<String> from,
            Optional<String> environment,
            Optional<String> branch) {

        /** The environment this track's tags are deployed to: {@code environment}, else the track's name. */
        public String environmentName() {
            return environment.orElse(name);
        }
    }

    /** A rotation starting on {@code startsOn} and handing over every {@code every}, or explicit dates. */
    public record OnCall(
            List<String> rotation, Optional<LocalDate> startsOn, Duration every, Map<LocalDate, String> explicit) {
        public OnCall {
            rotation = List.copyOf(rotation);
            explicit = Map.copyOf(explicit);
        }
    }
}
