package io.releaseguard.engine.regression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.audit.AuditRecord;
import io.releaseguard.engine.config.ConfigLoader;
import io.releaseguard.engine.config.ReleaseGuardConfig;
import io.releaseguard.engine.health.Verdict;
import io.releaseguard.engine.state.Deployment;
import io.releaseguard.engine.state.FileStateStore;
import io.releaseguard.engine.state.Outcome;
import io.releaseguard.engine.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Follow-ups: scheduled once per offset, due by the injected clock, evaluated at their checkpoint, recorded, audited. */
class FollowupRunnerTest {
    private static final Instant DEPLOYED = Instant.parse("2026-11-20T12:00:00Z");

    @TempDir
    Path tmp;

    /** Remembers each query and answers per service (scoped per service) with a fixed observation. */
    static final class Recording implements ErrorSignalProvider {
        final List<SignalQuery> queries = new ArrayList<>();
        final Map<String, Observation> answers = new HashMap<>();
        Observation answer = new Observation.Requests(10, 10_000, 10, 2_500);

        @Override
        public String name() {
            return "prometheus";
        }

        @Override
        public boolean perService() {
            return true;
        }

        @Override
        public Observation observe(SignalQuery query) {
            queries.add(query);
            return answers.getOrDefault(query.service().orElseThrow(), answer);
        }
    }

    private ReleaseGuardConfig config() throws Exception {
        Path file = tmp.resolve("release-guard.yaml");
        Files.writeString(
                file,
                """
                version: 1
                environments:
                  - name: mainnet
                    regression:
                      prometheus: { url: "http://prometheus.test", errors: "e", total: "t" }
                      baseline: 1h
                      window: 15m
                      maxErrorRate: 0.02
                      minSamples: 100
                  - name: testnet
                """);
        return ConfigLoader.load(file);
    }

    @Test
    void dueFollowupsRunAtTheirCheckpointAndAreRecordedAndAuditedOnce() throws Exception {
        MutableClock clock = new MutableClock(DEPLOYED);
        FileStateStore state = new FileStateStore(tmp.resolve("state"), clock);
        FileFollowupStore store = new FileFollowupStore(tmp.resolve("state"));
        ReleaseGuardConfig config = config();
        Deployment d = new Deployment(
                "d1",
                "mainnet",
                "R7",
                List.of("api", "worker"),
                DEPLOYED.minusSeconds(300),
                DEPLOYED,
                Outcome.SUCCEEDED,
                "p1");
        Instant before = DEPLOYED.minus(Duration.ofDays(2));
        state.recordDeployment(new Deployment(
                "d0",
                "mainnet",
                "R6",
                List.of("api", "worker"),
                before,
                before.plusSeconds(300),
                Outcome.SUCCEEDED,
                "p0"));
        state.recordDeployment(d);
        List<Followup> scheduled = store.schedule(d, config.followups());
        assertThat(scheduled)
                .extracting(Followup::id)
                .containsExactly("mainnet/R7/+1h", "mainnet/R7/+4h", "mainnet/R7/+12h");
        assertThat(store.schedule(d, config.followups())).isEqualTo(scheduled);
        assertThat(store.all()).hasSize(3);

        Recording provider = new Recording();
        FollowupRunner runner = new FollowupRunner(new RegressionWatch((env, spec) -> List.of(provider)), store, state);
        clock.advance(Duration.ofMinutes(59));
        assertThat(runner.runDue(config, clock.instant())).isEmpty();

        clock.advance(Duration.ofHours(4).plusMinutes(30));
        List<FollowupRunner.Outcome> ran = runner.runDue(config, clock.instant());
        assertThat(ran).extracting(o -> o.followup().id()).containsExactly("mainnet/R7/+1h", "mainnet/R7/+4h");
        assertThat(ran).extracting(FollowupRunner.Outcome::verdict).containsOnly(Verdict.PASS);
        // One query per service per follow-up; evaluated as of the checkpoint, not as of the late run.
        assertThat(provider.queries)
                .extracting(q -> q.service().orElseThrow())
                .containsExactly("api", "worker", "api", "worker");
        SignalQuery fourHours = provider.queries.get(2);
        assertThat(fourHours.afterEnd()).isEqualTo(DEPLOYED.plus(Duration.ofHours(4)));
        assertThat(fourHours.afterStart())
                .isEqualTo(DEPLOYED.plus(Duration.ofHours(4)).minus(Duration.ofMinutes(15)));
        assertThat(fourHours.baselineStart()).isEqualTo(DEPLOYED.minus(Duration.ofHours(1)));
        assertThat(fourHours.baselineRelease()).as("the release live before R7").contains("R6");
        assertThat(runner.runDue(config, clock.instant())).isEmpty();

        Followup recorded = store.all().get(0);
        assertThat(recorded.result()).hasValueSatisfying(r -> {
            assertThat(r.ranAt()).isEqualTo(clock.instant());
            assertThat(r.verdict()).isEqualTo(Verdict.PASS);
        });
        List<AuditRecord> audit = state.audit().read().records();
        assertThat(audit).hasSize(2);
        assertThat(audit.get(0).entry().action()).isEqualTo("followup");
        assertThat(audit.get(0).entry().subject()).isEqualTo("R7");
        assertThat(audit.get(0).entry().details()).containsEntry("services", "api,worker");

        provider.answers.put("worker", new Observation.Requests(10, 10_000, 500, 2_500));
        clock.advance(Duration.ofHours(8));
        List<FollowupRunner.Outcome> last = runner.runDue(config, clock.instant());
        assertThat(last).singleElement().satisfies(o -> {
            assertThat(o.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(o.implicated()).containsExactly("worker");
            assertThat(o.signals().get(1).label()).isEqualTo("prometheus/worker");
            assertThat(o.signals().get(1).message()).contains("error rate 20.00%");
        });
        assertThat(store.all().get(2).result().orElseThrow().implicated()).containsExactly("worker");
        assertThat(state.audit().read().records().get(2).entry().details())
                .containsEntry("implicated", "worker")
                .containsEntry("services", "api,worker");
        assertThat(RegressionReport.exitCodeFor(Verdict.FAIL).code()).isEqualTo(4);
    }

    @Test
    void aFollowupWhoseEnvironmentHasNoWatchIsRecordedInconclusiveNotStuck() throws Exception {
        MutableClock clock = new MutableClock(DEPLOYED);
        FileStateStore state = new FileStateStore(tmp.resolve("state"), clock);
        FileFollowupStore store = new FileFollowupStore(tmp.resolve("state"));
        store.schedule("testnet", "R7", List.of("api"), DEPLOYED, List.of(Duration.ofHours(1)));
        FollowupRunner runner =
                new FollowupRunner(new RegressionWatch((env, spec) -> List.of(new Recording())), store, state);
        List<FollowupRunner.Outcome> ran = runner.runDue(config(), DEPLOYED.plus(Duration.ofHours(2)));
        assertThat(ran).singleElement().satisfies(o -> {
            assertThat(o.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
            assertThat(o.signals().get(0).message())
                    .isEqualTo("environment testnet has no 'regression' watch configured");
        });
        assertThat(store.due(DEPLOYED.plus(Duration.ofDays(1)))).isEmpty();
    }

    @Test
    void aCorruptFollowupFileIsAnErrorNamingItNeverAReset() throws Exception {
        Path dir = tmp.resolve("state");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("followups.json"), "[{\"id\": ");
        FileFollowupStore store = new FileFollowupStore(dir);
        assertThatThrownBy(store::all)
                .isInstanceOf(ReleaseGuardException.class)
                .hasMessageStartingWith(dir.toAbsolutePath().resolve("followups.json") + ":1:")
                .hasMessageContaining("corrupt state file");
        assertThat(Files.readString(dir.resolve("followups.json"))).isEqualTo("[{\"id\": ");
    }
}
