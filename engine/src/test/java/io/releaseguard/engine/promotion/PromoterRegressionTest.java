package io.releaseguard.engine.promotion;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.releaseguard.engine.JsonReports;
import io.releaseguard.engine.audit.AuditEntry;
import io.releaseguard.engine.audit.AuditRecord;
import io.releaseguard.engine.config.ConfigLoader;
import io.releaseguard.engine.health.HttpHealthProbe;
import io.releaseguard.engine.promotion.PromotionResult.Outcome;
import io.releaseguard.engine.state.FileStateStore;
import io.releaseguard.engine.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guard window's regression check in a promotion, against a loopback Prometheus whose error rates follow the
 * release each service runs: checked per service after its soak (measured from when it went live), a FAIL rolls that
 * service back like a health failure, an INCONCLUSIVE proceeds with a warning or, with {@code onInconclusive: block},
 * halts until the promotion is run again.
 */
class PromoterRegressionTest {
    @TempDir
    Path tmp;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T15:00:00Z"));
    private final List<String> progress = new CopyOnWriteArrayList<>();
    private LoopbackFleet world;
    private HttpHealthProbe probe;
    private FileStateStore state;

    @BeforeEach
    void setUp() throws Exception {
        world = new LoopbackFleet(5, "sha-0000001");
        probe = new HttpHealthProbe();
        state = new FileStateStore(tmp.resolve("state"), clock);
    }

    @AfterEach
    void tearDown() {
        probe.close();
        world.close();
    }

    private PromotionResult promote(String onInconclusive, String release) throws Exception {
        Promoter promoter = new Promoter(TestPromotions.context(
                ConfigLoader.parse(world.policyWithRegression(onInconclusive), "policy.yaml", tmp),
                state,
                tmp.resolve("state"),
                clock,
                probe,
                Map::of,
                clock::advance,
                Optional.empty(),
                progress::add));
        return promoter.promote(
                new PromoteRequest(release, "testnet", "zoe", "tag:" + release, Optional.empty(), false));
    }

    private List<AuditEntry> guardAudit() throws Exception {
        return state.audit().read().records().stream()
                .map(AuditRecord::entry)
                .filter(e -> e.action().equals("guard.regression"))
                .toList();
    }

    /** The after-window queries of one service's checks: [start, end] in epoch seconds. */
    private List<long[]> afterWindows(String service) {
        return world.rangeQueries.stream()
                .filter(q -> q[0].equals("total{service=\"" + service + "\"}"))
                .map(q -> new long[] {Long.parseLong(q[1]), Long.parseLong(q[2])})
                .filter(w -> w[1] - w[0] <= Duration.ofMinutes(15).toSeconds())
                .toList();
    }

    @Test
    void eachServiceIsCheckedAfterItsSoakAndARegressionRollsItBackLikeAHealthFailure() throws Exception {
        Instant start = clock.instant();
        PromotionResult first = promote("proceed", "sha-1111111");
        assertThat(first.outcome()).as(first.message()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(progress)
                .contains(
                        "api: soaking 300s before the regression check",
                        "ledger: soaking 210s before the regression check")
                .anyMatch(l -> l.startsWith("api: regression PASS for api: prometheus/api: error rate 0.10%"))
                .anyMatch(l -> l.startsWith("ledger: regression PASS for ledger: prometheus/ledger: error rate"));
        // The window after the deploy starts when api went live and ends after its 5-minute soak.
        assertThat(afterWindows("api")).singleElement().satisfies(w -> assertThat(w)
                .containsExactly(
                        start.getEpochSecond(),
                        start.plus(Duration.ofMinutes(5)).getEpochSecond()));

        world.erroring.add("sha-2222222");
        PromotionResult r = promote("proceed", "sha-2222222");
        assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.ROLLED_BACK);
        assertThat(r.exitCode().code()).isEqualTo(4);
        assertThat(r.message())
                .startsWith("regression FAIL for api: prometheus/api: error rate 20.00% after the deploy (600 of 3000"
                        + " requests): above maxErrorRate 5.00%")
                .contains("rolled back: redeployed sha-1111111 to api; health PASS on sha-1111111");
        assertThat(world.versions.get("api")).isEqualTo("sha-1111111");
        assertThat(world.appliedCount("t00", "sha-2222222"))
                .as("services after the regressed one never ran")
                .isZero();
        assertThat(guardAudit()).extracting(AuditEntry::verdict).containsExactly("PASS", "PASS", "FAIL");
        assertThat(guardAudit().get(2).reason()).startsWith("regression FAIL for api:");
        assertThat(state.audit().verify().ok()).isTrue();
    }

    @Test
    void anInconclusiveCheckProceedsWithAWarningByDefault() throws Exception {
        world.quiet.add("sha-1111111");
        PromotionResult r = promote("proceed", "sha-1111111");

        assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(r.message())
                .isEqualTo("sha-1111111 is live in testnet\n"
                        + "warning: regression INCONCLUSIVE for api: prometheus/api: only 3 requests after the deploy,"
                        + " minSamples 100: too little traffic to judge (onInconclusive: proceed)\n"
                        + "warning: regression INCONCLUSIVE for ledger: prometheus/ledger: only 3 requests after the"
                        + " deploy, minSamples 100: too little traffic to judge (onInconclusive: proceed)");
        assertThat(world.tenants.stream().map(world.versions::get)).containsOnly("sha-1111111");
        assertThat(guardAudit()).extracting(AuditEntry::verdict).containsExactly("INCONCLUSIVE", "INCONCLUSIVE");
        JsonNode manifest = JsonReports.MAPPER.readTree(
                Files.readString(Path.of(r.manifest().orElseThrow())));
        assertThat(manifest.get("services").get(0).get("verdict").asText()).isEqualTo("WARN");
        assertThat(manifest.get("services").get(0).get("reason").asText())
                .startsWith("regression INCONCLUSIVE for api:");
    }

    @Test
    void withOnInconclusiveBlockThePromotionHaltsAndARerunChecksAgainWithoutRedeploying() throws Exception {
        world.quiet.add("sha-1111111");
        Instant live = clock.instant();
        PromotionResult halted = promote("block", "sha-1111111");

        assertThat(halted.outcome()).as(halted.message()).isEqualTo(Outcome.HALTED);
        assertThat(halted.exitCode().code()).isEqualTo(2);
        assertThat(halted.message())
                .contains("REGRESSION: regression INCONCLUSIVE for api: prometheus/api: only 3 requests after the"
                        + " deploy")
                .contains("(onInconclusive: block); api stays deployed: run the same command again");
        assertThat(world.versions.get("api")).isEqualTo("sha-1111111");
        assertThat(world.appliedCount("t00", "sha-1111111")).isZero();

        world.quiet.clear();
        clock.advance(Duration.ofMinutes(10));
        PromotionResult resumed = promote("block", "sha-1111111");
        assertThat(resumed.outcome()).as(resumed.message()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(resumed.message()).isEqualTo("sha-1111111 is live in testnet");
        assertThat(world.appliedCount("api", "sha-1111111"))
                .as("api is not deployed again")
                .isEqualTo(1);
        // The second check still counts from when api went live, not from the rerun: no new soak, a longer window.
        List<long[]> api = afterWindows("api");
        assertThat(api).hasSize(2);
        assertThat(api.get(1)[0]).isEqualTo(live.getEpochSecond());
        assertThat(api.get(1)[1]).isEqualTo(live.plus(Duration.ofMinutes(15)).getEpochSecond());
        assertThat(progress.stream().filter(l -> l.startsWith("api: soaking"))).hasSize(1);
        assertThat(guardAudit()).extracting(AuditEntry::verdict).containsExactly("INCONCLUSIVE", "PASS", "PASS");
    }
}
