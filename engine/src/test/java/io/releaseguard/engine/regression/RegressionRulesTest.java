package io.releaseguard.engine.regression;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseguard.engine.config.RegressionSpec;
import io.releaseguard.engine.health.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RegressionRulesTest {
    private static final Instant DEPLOY = Instant.parse("2026-11-20T12:00:00Z");
    private static final SignalQuery QUERY = new SignalQuery(
            "mainnet",
            Optional.of("R1"),
            List.of("api"),
            DEPLOY.minus(Duration.ofHours(1)),
            DEPLOY,
            DEPLOY,
            DEPLOY.plus(Duration.ofMinutes(15)));

    private static RegressionSpec spec(Optional<Double> maxRate, Optional<Double> maxRatio) {
        return new RegressionSpec(
                Optional.empty(),
                Optional.empty(),
                Duration.ofHours(1),
                Duration.ofMinutes(15),
                maxRate,
                maxRatio,
                100);
    }

    private static SignalResult requests(RegressionSpec spec, double be, double bt, double ae, double at) {
        return RegressionRules.assess("prometheus", spec, QUERY, new Observation.Requests(be, bt, ae, at));
    }

    @Test
    void tooLittleTrafficIsInconclusiveEvenWhenEveryRequestFailed() {
        SignalResult r = requests(spec(Optional.of(0.01), Optional.empty()), 0, 5000, 99, 99);
        assertThat(r.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(r.message())
                .isEqualTo("only 99 requests after the deploy, minSamples 100: too little traffic to judge");
    }

    @Test
    void absoluteLimitAloneDecides() {
        assertThat(requests(spec(Optional.of(0.02), Optional.empty()), 0, 0, 20, 1000)
                        .verdict())
                .isEqualTo(Verdict.PASS);
        SignalResult fail = requests(spec(Optional.of(0.02), Optional.empty()), 0, 0, 21, 1000);
        assertThat(fail.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(fail.message())
                .isEqualTo("error rate 2.10% after the deploy (21 of 1000 requests): above maxErrorRate 2.00%");
    }

    @Test
    void aBaselineWithoutErrorsCountsAsOneSoAFirstErrorIsNotAnInfiniteRatio() {
        SignalResult r = requests(spec(Optional.empty(), Optional.of(2.0)), 0, 10_000, 1, 2500);
        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.message()).endsWith("ratio 4.00: ratio 4.00 to baseline above maxRatioToBaseline 2.00");
        assertThat(requests(spec(Optional.empty(), Optional.of(5.0)), 0, 10_000, 1, 2500)
                        .verdict())
                .isEqualTo(Verdict.PASS);
    }

    @Test
    void aBaselineTooSmallToCompareIsInconclusiveButAnAbsoluteBreachStillFails() {
        SignalResult r = requests(spec(Optional.of(0.5), Optional.of(2.0)), 1, 50, 10, 1000);
        assertThat(r.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(r.message()).endsWith("baseline has only 50 requests (minSamples 100): cannot compare");
        assertThat(requests(spec(Optional.of(0.005), Optional.of(2.0)), 1, 50, 10, 1000)
                        .verdict())
                .isEqualTo(Verdict.FAIL);
    }

    @Test
    void anUnavailableProviderIsInconclusiveNeverAPass() {
        SignalResult r = RegressionRules.assess(
                "sentry", spec(Optional.empty(), Optional.empty()), QUERY, new Observation.Unavailable("down"));
        assertThat(r).isEqualTo(new SignalResult("sentry", Verdict.INCONCLUSIVE, "down"));
    }

    @Test
    void aSpikeBelowMinSamplesEventsIsNotDeclared() {
        SignalResult r = RegressionRules.assess(
                "sentry", spec(Optional.empty(), Optional.of(2.0)), QUERY, new Observation.Issues(List.of(), 10, 99));
        assertThat(r.verdict()).isEqualTo(Verdict.PASS);
        assertThat(r.message())
                .isEqualTo("no new issues; events 396.00/h after the deploy (99), baseline 10.00/h (10), ratio 39.60");
    }

    @Test
    void verdictsFoldWorstWins() {
        assertThat(List.of(Verdict.PASS, Verdict.INCONCLUSIVE, Verdict.WARN).stream()
                        .reduce(Verdict.PASS, Verdict::worst))
                .isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(Verdict.worstOf(List.of())).isEqualTo(Verdict.PASS);
        assertThat(Verdict.worst(Verdict.FAIL, Verdict.INCONCLUSIVE)).isEqualTo(Verdict.FAIL);
    }
}
