package io.releaseguard.engine.regression;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseguard.engine.config.ConfigLoader;
import io.releaseguard.engine.config.ReleaseGuardConfig;
import io.releaseguard.engine.health.HttpHealthProbe;
import io.releaseguard.engine.health.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The regression watch against a real Prometheus with backfilled data: one environment regresses after the deploy,
 * one does not, one has too little traffic to judge.
 */
class PrometheusProviderIT {
    private static final Duration STEP = Duration.ofSeconds(15);
    /** Backfilled history: T0 .. T0+3h, deploy at T0+2h; recent enough to be inside any retention. */
    private static final Instant T0 =
            Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(5));

    private static final Instant DEPLOY = T0.plus(Duration.ofHours(2));

    @TempDir
    static Path tmp;

    private static PrometheusFixture prometheus;
    private static HttpHealthProbe probe;

    @BeforeAll
    static void start() throws Exception {
        PrometheusFixture.requireBinaries();
        prometheus = PrometheusFixture.start(tmp, openMetrics());
        probe = new HttpHealthProbe();
    }

    @AfterAll
    static void stop() throws Exception {
        if (probe != null) {
            probe.close();
        }
        if (prometheus != null) {
            prometheus.close();
        }
    }

    /** Requests per second (ok, errors) before and after the deploy for each environment. */
    private static double[] rates(String env) {
        return switch (env) {
            case "steady" -> new double[] {9.9, 0.1, 9.9, 0.1};
            case "regressed" -> new double[] {9.9, 0.1, 8.0, 2.0};
            default -> new double[] {0.005, 0.005, 0.005, 0.005};
        };
    }

    private static String openMetrics() {
        StringBuilder om = new StringBuilder("# HELP http_requests Requests served.\n# TYPE http_requests counter\n");
        for (String env : List.of("steady", "regressed", "quiet")) {
            double[] r = rates(env);
            for (int code = 0; code < 2; code++) {
                double value = 0;
                for (Instant t = T0; !t.isAfter(T0.plus(Duration.ofHours(3))); t = t.plus(STEP)) {
                    om.append(String.format(
                            Locale.ROOT,
                            "http_requests_total{env=\"%s\",code=\"%s\"} %.3f %d%n",
                            env,
                            code == 0 ? "200" : "500",
                            value,
                            t.getEpochSecond()));
                    value += (t.isBefore(DEPLOY) ? r[code] : r[2 + code]) * STEP.toSeconds();
                }
            }
        }
        return om.append("# EOF\n").toString();
    }

    private static ReleaseGuardConfig config() throws Exception {
        StringBuilder yaml = new StringBuilder("version: 1\nenvironments:\n");
        for (String env : List.of("steady", "regressed", "quiet")) {
            yaml.append("  - name: ")
                    .append(env)
                    .append("\n    regression:\n      prometheus:\n        url: \"")
                    .append(prometheus.url())
                    .append("\"\n        errors: 'sum(rate(http_requests_total{env=\"")
                    .append(env)
                    .append("\",code=~\"5..\"}[5m]))'\n        total: 'sum(rate(http_requests_total{env=\"")
                    .append(env)
                    .append("\"}[5m]))'\n        headers: { Authorization: \"Bearer ${env:PROM_TOKEN}\" }\n")
                    .append("      baseline: 1h\n      window: 15m\n      maxErrorRate: 0.05\n")
                    .append("      maxRatioToBaseline: 3\n      minSamples: 100\n");
        }
        Path file = tmp.resolve("release-guard.yaml");
        Files.writeString(file, yaml);
        return ConfigLoader.load(file);
    }

    // The regressed error rate reads 16.73% rather than 20%: rate()[5m] still averages in pre-deploy samples.
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "steady, PASS, 'error rate 1.00% after the deploy (90 of 9000 requests); baseline 1.00% (360 of 36000), ratio 1.00'",
        "regressed, FAIL, 'error rate 16.73% after the deploy (1506 of 9000 requests)'",
        "quiet, INCONCLUSIVE, 'only 9 requests after the deploy, minSamples 100: too little traffic to judge'"
    })
    void eachSeriesGetsItsVerdict(String env, Verdict verdict, String message) throws Exception {
        RegressionWatch watch = new RegressionWatch(new HttpProviders(probe, Map.of("PROM_TOKEN", "prom-secret")));
        RegressionReport r = watch.evaluate(
                config(), env, DEPLOY, DEPLOY.plus(Duration.ofMinutes(15)), Optional.of("R2"), List.of("api"));

        assertThat(r.signals()).singleElement().satisfies(s -> {
            assertThat(s.provider()).isEqualTo("prometheus");
            assertThat(s.verdict()).as(s.message()).isEqualTo(verdict);
            assertThat(s.message()).startsWith(message);
        });
        assertThat(r.verdict()).isEqualTo(verdict);
        if (verdict == Verdict.FAIL) {
            assertThat(r.signals().get(0).message())
                    .contains("above maxErrorRate 5.00%")
                    .contains("above maxRatioToBaseline 3.00");
        }
    }
}
