package io.releaseguard.engine.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.config.ConfigLoader;
import io.releaseguard.engine.config.TrainsSpec;
import io.releaseguard.engine.state.Deployment;
import io.releaseguard.engine.state.Outcome;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TrainReportTest {
    private static final String POLICY =
            """
            version: 1
            timezone: UTC
            environments:
              - name: dev
              - name: staging
            trains:
              line: "0.5"
              tracks:
                dev: { schedule: "weekly TUE 14:00", promotesTo: staging }
                staging: { schedule: "biweekly WED 14:00", anchor: 2026-05-13 }
                hotfix: { schedule: on-demand, from: staging, environment: staging }
              onCall: { dates: { 2026-05-12: alice, 2026-05-13: bob, 2026-05-19: alice } }
            """;

    static Deployment deploy(String id, String env, String release, String start, Outcome outcome) {
        Instant s = Instant.parse(start);
        Instant end = outcome == Outcome.RUNNING ? null : s.plusSeconds(60);
        return new Deployment(id, env, release, List.of("api"), s, end, outcome, "p");
    }

    static TagInfo tag(String name, String at) {
        return new TagInfo(name, "c0ffee", true, "", Optional.of(Instant.parse(at)));
    }

    @Test
    void metricsFollowTheirDefinitions() throws ReleaseGuardException {
        TrainsSpec trains = ConfigLoader.parse(POLICY, "release-guard.yaml", Path.of("."))
                .trains()
                .orElseThrow();
        List<Deployment> history = List.of(
                deploy("1", "dev", "v0.5.0-dev.1", "2026-05-12T15:00:00Z", Outcome.SUCCEEDED), // Tue: train day
                deploy("2", "staging", "v0.5.0-staging.1", "2026-05-13T15:00:00Z", Outcome.FAILED), // Wed: train day
                deploy("3", "staging", "v0.5.0-hotfix.1", "2026-05-15T09:00:00Z", Outcome.SUCCEEDED), // hotfix
                deploy("4", "dev", "sha-abc1234", "2026-05-16T09:00:00Z", Outcome.SUCCEEDED), // unscheduled
                deploy("5", "dev", "v0.5.0-dev.2", "2026-05-21T09:00:00Z", Outcome.RUNNING), // not final
                deploy("0", "dev", "v0.4.0-dev.9", "2026-05-01T09:00:00Z", Outcome.SUCCEEDED)); // before since
        List<TagInfo> tags = List.of(
                tag("v0.5.0-dev.1", "2026-05-12T14:01:00Z"),
                tag("v0.5.0-staging.1", "2026-05-13T14:05:00Z"),
                tag("v0.5.0-dev.2", "2026-05-20T10:00:00Z")); // the 2026-05-19 train left a day late
        List<IncidentReview> reviews = List.of(
                new IncidentReview("2026-05-16-outage.md", LocalDate.parse("2026-05-16"), List.of("v0.5.0-hotfix.1")),
                new IncidentReview("2026-05-17-ledger.md", LocalDate.parse("2026-05-17"), List.of("v0.5.0-dev.1")),
                new IncidentReview("2026-05-02-old.md", LocalDate.parse("2026-05-02"), List.of("v0.5.0-dev.1")));

        TrainReport r = TrainReport.compute(
                trains,
                ZoneOffset.UTC,
                LocalDate.parse("2026-05-10"),
                Instant.parse("2026-05-28T00:00:00Z"),
                history,
                tags,
                reviews,
                FreezeCheck.NONE);

        assertThat(r.deploys()).isEqualTo(4);
        assertThat(r.onTrainDays()).isEqualTo(2);
        assertThat(r.shareOnTrainDays()).contains(0.5);
        assertThat(r.unscheduledNonHotfix()).containsExactly("2026-05-16T09:00:00Z dev sha-abc1234");
        assertThat(r.postponements()).containsExactly("dev 2026-05-19");
        assertThat(r.skipped())
                .containsExactly(
                        "dev 2026-05-26 (nobody on call on 2026-05-26)",
                        "staging 2026-05-27 (nobody on call on 2026-05-27)");
        assertThat(r.reviews()).isEqualTo(2);
        assertThat(r.reviewsCitingTrainTag()).containsExactly("2026-05-17-ledger.md");
        assertThat(r.text())
                .contains("deploys on scheduled train days: 2 of 4 (50.0%)")
                .contains("post-incident reviews citing a train tag: 1 of 2 (2026-05-17-ledger.md)")
                .contains("  - postponements: past departures, not skipped by policy, with no tag");
    }
}
