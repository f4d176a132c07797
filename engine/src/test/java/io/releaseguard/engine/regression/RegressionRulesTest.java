package io.releaseguard.engine.regression;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseguard.engine.config.QueryTemplate.Placeholder;
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
            Optional.of("R0"),
            List.of("api", "worker"),
            Optional.empty(),
            DEPLOY.minus(Duration.ofHours(1)),
            DEPLOY,
            DEPLOY,
            DEPLOY.plus(Duration.ofMinutes(15)));
    private static final Observation.NewIssue TYPE_ERROR =
            new Observation.NewIssue("LEDGER-7", "TypeError: balance is undefined", DEPLOY.plusSeconds(120), 12);

    static RegressionSpec spec(Optional<Double> maxRate, Optional<Double> maxRatio) {
        return new RegressionSpec(
                Optional.empty(),
                Optional.empty(),
                Duration.ofHours(1),
                Duration.ofMinutes(15),
                maxRate,
                maxRatio,
                100,
                RegressionSpec.DEFAULT_SOAK,
                RegressionSpec.OnInconclusive.PROCEED);
    }

    private static SignalResult requests(RegressionSpec spec, double be, double bt, double ae, double at) {
        return RegressionRules.assess("prometheus", spec, QUERY, new Observation.Requests(be, bt, ae, at));
    }

    private static SignalResult issues(
            Optional<Double> maxRatio, List<Observation.NewIssue> fresh, double be, double ae, Observation.Sessions s) {
        return RegressionRules.assess(
                "sentry", spec(Optional.empty(), maxRatio), QUERY, new Observation.Issues(fresh, be, ae, s));
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
        assertThat(r).isEqualTo(new SignalResult("sentry", Optional.empty(), Verdict.INCONCLUSIVE, "down"));
    }

    @Test
    void aQuietReleaseWithoutNewIssuesIsInconclusiveNotAPass() {
        SignalResult r = issues(Optional.of(2.0), List.of(), 10, 0, new Observation.Sessions(5000, 40, 40));
        assertThat(r.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(r.message())
                .isEqualTo("only 40 sessions of release R1 after the deploy, minSamples 100: too little traffic to"
                        + " judge");
    }

    @Test
    void aNewIssueOnTooLittleTrafficIsInconclusiveAndStillShown() {
        SignalResult r = issues(Optional.empty(), List.of(TYPE_ERROR), 10, 12, new Observation.Sessions(5000, 40, 40));
        assertThat(r.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(r.message())
                .endsWith("too little traffic to judge; seen so far: 1 new issue first seen after the deploy:"
                        + " LEDGER-7 \"TypeError: balance is undefined\" (12 events)");
    }

    @Test
    void aNewIssueWithEnoughSessionsFails() {
        SignalResult r =
                issues(Optional.empty(), List.of(TYPE_ERROR), 10, 12, new Observation.Sessions(5000, 900, 800));
        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.message())
                .isEqualTo("1 new issue first seen after the deploy: LEDGER-7 \"TypeError: balance is undefined\""
                        + " (12 events); events 0.0133/session after the deploy (12 events, 900 sessions)");
    }

    @Test
    void eventsAreComparedPerSessionSoMoreTrafficIsNotASpike() {
        Observation.Sessions s = new Observation.Sessions(10_000, 2_500, 2_500);
        SignalResult spike = issues(Optional.of(2.0), List.of(), 100, 100, s);
        assertThat(spike.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(spike.message())
                .isEqualTo("event rate spiked: ratio 4.00 above maxRatioToBaseline 2.00; events 0.0400/session after"
                        + " the deploy (100 events, 2500 sessions), baseline 0.0100/session (100 events, 10000"
                        + " sessions), ratio 4.00");
        SignalResult busier =
                issues(Optional.of(2.0), List.of(), 100, 400, new Observation.Sessions(10_000, 40_000, 40_000));
        assertThat(busier.verdict()).as(busier.message()).isEqualTo(Verdict.PASS);
        assertThat(busier.message()).startsWith("no new issues; events 0.0100/session after the deploy");
    }

    @Test
    void aSentryBaselineWithTooFewSessionsCannotCompare() {
        SignalResult r = issues(Optional.of(2.0), List.of(), 1, 1, new Observation.Sessions(50, 900, 900));
        assertThat(r.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(r.message()).startsWith("baseline has only 50 sessions (minSamples 100): cannot compare");
    }

    @Test
    void aProjectWithoutReleaseHealthIsInconclusiveAndSaysHowToFixIt() {
        SignalResult r = issues(Optional.of(2.0), List.of(), 300, 20, new Observation.Sessions(0, 0, 0));
        assertThat(r.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(r.message())
                .startsWith("no sessions recorded before or after the deploy: the project has no release health")
                .contains("enable session tracking in the Sentry SDK (release health)");
    }

    @Test
    void aPerServiceQueryNamesItsServiceAndOnlyFailingServicesAreImplicated() {
        SignalQuery api = QUERY.forService("api");
        SignalResult failed = RegressionRules.assess(
                "prometheus",
                spec(Optional.of(0.02), Optional.empty()),
                api,
                new Observation.Requests(0, 10_000, 500, 2_500));
        assertThat(failed.service()).contains("api");
        assertThat(failed.label()).isEqualTo("prometheus/api");
        SignalResult passed = new SignalResult("prometheus", Optional.of("worker"), Verdict.PASS, "fine");
        assertThat(RegressionWatch.implicated(Verdict.FAIL, List.of(failed, passed), QUERY.services()))
                .containsExactly("api");
        SignalResult wide = new SignalResult("sentry", Optional.empty(), Verdict.FAIL, "new issue");
        assertThat(RegressionWatch.implicated(Verdict.FAIL, List.of(wide, passed), QUERY.services()))
                .containsExactly("api", "worker");
        assertThat(RegressionWatch.implicated(Verdict.PASS, List.of(passed), QUERY.services()))
                .isEmpty();
    }

    @Test
    void theBaselineWindowMeasuresTheReleaseThatWasLiveBefore() {
        assertThat(QUERY.forService("api").values(true))
                .containsEntry(Placeholder.RELEASE, "R0")
                .containsEntry(Placeholder.SERVICE, "api");
        assertThat(QUERY.values(false)).containsEntry(Placeholder.RELEASE, "R1").doesNotContainKey(Placeholder.SERVICE);
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
