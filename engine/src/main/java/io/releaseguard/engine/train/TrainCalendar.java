package io.releaseguard.engine.train;

import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.config.TrainsSpec;
import io.releaseguard.engine.config.TrainsSpec.Track;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The next trains of every scheduled track. A train is skipped when a freeze covers its departure for the track's
 * environment (freezes win, being the stronger reason), or when nobody is on call that local date and the policy says
 * {@code skipWithoutOnCall}. On-demand tracks have no departures and are listed by name only.
 */
public record TrainCalendar(Instant after, int count, List<TrainDeparture> departures, List<String> onDemandTracks) {
    public TrainCalendar {
        departures = List.copyOf(departures);
        onDemandTracks = List.copyOf(onDemandTracks);
    }

    /**
     * The next {@code count} departures per scheduled track strictly after {@code after}, ordered by track name,
     * then time.
     */
    public static TrainCalendar of(TrainsSpec trains, Instant after, int count, FreezeCheck freezes)
            throws ReleaseGuardException {
        OnCallRoster roster = new OnCallRoster(trains.onCall());
        List<TrainDeparture> departures = new ArrayList<>();
        List<String> onDemand = new ArrayList<>();
        List<Track> tracks = trains.tracks().values().stream()
                .sorted(Comparator.comparing(Track::name))
                .toList();
        for (Track track : tracks) {
            TrainSchedule schedule = TrainSchedule.of(track);
            if (schedule.onDemand()) {
                onDemand.add(track.name());
                continue;
            }
            for (Instant at : schedule.next(after, count)) {
                departures.add(departure(trains, track, at, roster, freezes));
            }
        }
        return new TrainCalendar(after, count, departures, onDemand);
    }

    /** The departure of {@code track} at {@code at}, with its on-call person and skip decision. */
    static TrainDeparture departure(
            TrainsSpec trains, Track track, Instant at, OnCallRoster roster, FreezeCheck freezes)
            throws ReleaseGuardException {
        LocalDateTime local = LocalDateTime.ofInstant(at, track.zone());
        Optional<String> onCall = roster.on(local.toLocalDate());
        Optional<String> freeze = freezes.freezeAt(track.environmentName(), at);
        Optional<TrainDeparture.SkipReason> skip = Optional.empty();
        Optional<String> detail = Optional.empty();
        if (freeze.isPresent()) {
            skip = Optional.of(TrainDeparture.SkipReason.FREEZE);
            detail = Optional.of("freeze '" + freeze.get() + "' covers " + track.environmentName());
        } else if (onCall.isEmpty() && trains.skipWithoutOnCall()) {
            skip = Optional.of(TrainDeparture.SkipReason.NO_ON_CALL);
            detail = Optional.of("nobody on call on " + local.toLocalDate());
        }
        return new TrainDeparture(
                track.name(), track.environmentName(), at, local, track.zone().getId(), onCall, skip, detail);
    }
}
