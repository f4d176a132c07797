package io.releaseguard.engine.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.config.TrainsSpec.Track;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TrainScheduleTest {

    static Track track(String schedule, String zone, String anchor) {
        return new Track(
                "dev",
                schedule,
                ZoneId.of(zone),
                Optional.empty(),
                Optional.empty(),
                Optional.ofNullable(anchor).map(LocalDate::parse),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }

    private static List<String> next(String schedule, String zone, String anchor, String after, int n)
            throws ReleaseGuardException {
        return TrainSchedule.of(track(schedule, zone, anchor)).next(Instant.parse(after), n).stream()
                .map(Instant::toString)
                .toList();
    }

    @Test
    void weeklyLeavesEveryWeekStrictlyAfterTheGivenInstant() throws ReleaseGuardException {
        assertThat(next("weekly TUE 14:00", "UTC", null, "2026-05-12T14:00:00Z", 3))
                .containsExactly("2026-05-19T14:00:00Z", "2026-05-26T14:00:00Z", "2026-06-02T14:00:00Z");
        assertThat(next("weekly TUE 14:00", "UTC", null, "2026-05-12T13:59:59Z", 1))
                .containsExactly("2026-05-12T14:00:00Z");
    }

    @Test
    void biweeklyCountsFromTheAnchorAndNeverRunsBeforeIt() throws ReleaseGuardException {
        assertThat(next("biweekly WED 14:00", "UTC", "2026-05-13", "2026-05-01T00:00:00Z", 3))
                .containsExactly("2026-05-13T14:00:00Z", "2026-05-27T14:00:00Z", "2026-06-10T14:00:00Z");
        assertThat(next("biweekly WED 14:00", "UTC", "2026-05-13", "2026-05-14T00:00:00Z", 1))
                .containsExactly("2026-05-27T14:00:00Z");
        // An anchor that is not the weekday: the first run is the next matching weekday.
        assertThat(next("biweekly WED 14:00", "UTC", "2026-05-11", "2026-05-01T00:00:00Z", 1))
                .containsExactly("2026-05-13T14:00:00Z");
    }

    @Test
    void yearEndCrossesIntoTheNewYear() throws ReleaseGuardException {
        assertThat(next("biweekly WED 14:00", "UTC", "2026-05-13", "2026-12-20T00:00:00Z", 2))
                .containsExactly("2026-12-23T14:00:00Z", "2027-01-06T14:00:00Z");
    }

    @Test
    void nonexistentLocalTimeMeansTheTransitionAndAmbiguousTheFirstOccurrence() throws ReleaseGuardException {
        // Europe/Berlin springs forward at 02:00 on 2026-03-29: 02:30 does not exist, the train leaves at 03:00 CEST.
        assertThat(next("weekly SUN 02:30", "Europe/Berlin", null, "2026-03-28T00:00:00Z", 2))
                .containsExactly("2026-03-29T01:00:00Z", "2026-04-05T00:30:00Z");
        // Falls back at 03:00 on 2026-10-25: 02:30 happens twice, the train leaves at the first (CEST, +02:00).
        assertThat(next("weekly SUN 02:30", "Europe/Berlin", null, "2026-10-24T00:00:00Z", 2))
                .containsExactly("2026-10-25T00:30:00Z", "2026-11-01T01:30:00Z");
    }

    @Test
    void onDemandNeverLeaves() throws ReleaseGuardException {
        TrainSchedule s = TrainSchedule.of(track("on-demand", "UTC", null));
        assertThat(s.onDemand()).isTrue();
        assertThat(s.next(Instant.parse("2026-01-01T00:00:00Z"), 5)).isEmpty();
        assertThat(s.between(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z")))
                .isEmpty();
    }

    @Test
    void betweenListsEveryDepartureInAHalfOpenRange() throws ReleaseGuardException {
        TrainSchedule s = TrainSchedule.of(track("weekly TUE 14:00", "UTC", null));
        assertThat(s.between(Instant.parse("2026-05-12T14:00:00Z"), Instant.parse("2026-05-26T14:00:00Z")))
                .containsExactly(Instant.parse("2026-05-12T14:00:00Z"), Instant.parse("2026-05-19T14:00:00Z"));
        assertThat(s.firesOn(LocalDate.parse("2026-05-19"))).isTrue();
        assertThat(s.firesOn(LocalDate.parse("2026-05-20"))).isFalse();
    }
}
