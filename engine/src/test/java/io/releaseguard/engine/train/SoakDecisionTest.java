package io.releaseguard.engine.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseguard.engine.state.Deployment;
import io.releaseguard.engine.state.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SoakDecisionTest {
    private static final Duration WEEK = Duration.ofDays(7);

    static Deployment deploy(String id, String release, String start, Outcome outcome) {
        Instant s = Instant.parse(start);
        return new Deployment(id, "dev", release, List.of("api"), s, s.plusSeconds(600), outcome, "p-" + id);
    }

    @Test
    void blockedWithSoakAndTheEligibleInstantWhileStillLive() {
        SoakDecision d = SoakDecision.decide(
                "v0.5.0-dev.3",
                "dev",
                WEEK,
                List.of(deploy("1", "v0.5.0-dev.3", "2026-05-12T14:00:00Z", Outcome.SUCCEEDED)),
                Instant.parse("2026-05-15T14:10:00Z"));
        assertThat(d.eligible()).isFalse();
        assertThat(d.reason()).contains(TrainReason.SOAK);
        assertThat(d.eligibleAt()).contains(Instant.parse("2026-05-19T14:10:00Z"));
        assertThat(d.message())
                .isEqualTo("SOAK: v0.5.0-dev.3 has been live in dev for 3d; policy requires 7d"
                        + " (eligible at 2026-05-19T14:10:00Z)");
    }

    @Test
    void eligibleOnceAStintLastedTheSoakEvenIfReplacedLater() {
        List<Deployment> history = List.of(
                deploy("1", "v0.5.0-dev.3", "2026-05-01T00:00:00Z", Outcome.SUCCEEDED),
                deploy("2", "v0.5.0-dev.4", "2026-05-09T00:00:00Z", Outcome.SUCCEEDED));
        SoakDecision d =
                SoakDecision.decide("v0.5.0-dev.3", "dev", WEEK, history, Instant.parse("2026-05-20T00:00:00Z"));
        assertThat(d.eligible()).isTrue();
        assertThat(d.reason()).isEmpty();
    }

    @Test
    void replacedBeforeTheSoakEndedHasNoEligibleInstant() {
        List<Deployment> history = List.of(
                deploy("1", "v0.5.0-dev.3", "2026-05-01T00:00:00Z", Outcome.SUCCEEDED),
                deploy("2", "v0.5.0-dev.4", "2026-05-02T00:00:00Z", Outcome.FAILED),
                deploy("3", "v0.5.0-dev.4", "2026-05-03T00:10:00Z", Outcome.SUCCEEDED));
        SoakDecision d =
                SoakDecision.decide("v0.5.0-dev.3", "dev", WEEK, history, Instant.parse("2026-05-20T00:00:00Z"));
        assertThat(d.eligible()).isFalse();
        assertThat(d.eligibleAt()).isEmpty();
        assertThat(d.message()).contains("for 2d").contains("it was replaced");
    }

    @Test
    void neverDeployedIsNotDeployedUnlessNoSoakIsRequired() {
        SoakDecision d = SoakDecision.decide("v0.5.0-dev.3", "dev", WEEK, List.of(), Instant.EPOCH);
        assertThat(d.reason()).contains(TrainReason.NOT_DEPLOYED);
        assertThat(SoakDecision.decide("v0.5.0-dev.3", "dev", Duration.ZERO, List.of(), Instant.EPOCH)
                        .eligible())
                .isTrue();
        assertThat(d.eligibleAt()).isEqualTo(Optional.empty());
    }
}
