package io.releaseguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.releaseguard.engine.JsonReports;
import io.releaseguard.engine.regression.FileFollowupStore;
import io.releaseguard.engine.state.FileStateStore;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code regression} and {@code followup} against a loopback server answering Prometheus range queries. */
class RegressionCommandsTest {
    private static final Instant NOW = CliRunner.CLOCK.instant();
    /** Per-second rates the fake Prometheus returns for each PromQL expression. */
    private static final Map<String, Double> RATES = Map.of(
            "total", 10.0,
            "errors_low", 0.01,
            "errors_high", 2.0,
            "total_tiny", 0.01,
            "errors{service=\"api\"}", 0.01,
            "errors{service=\"web\"}", 2.0,
            "total{service=\"api\"}", 10.0,
            "total{service=\"web\"}", 10.0);

    @TempDir
    Path tmp;

    private HttpServer server;
    private Path config;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v1/query_range", ex -> {
            Map<String, String> q = new HashMap<>();
            for (String kv : ex.getRequestURI().getRawQuery().split("&")) {
                String[] p = kv.split("=", 2);
                q.put(p[0], URLDecoder.decode(p[1], StandardCharsets.UTF_8));
            }
            double rate = RATES.get(q.get("query"));
            List<String> values = new ArrayList<>();
            for (long t = Long.parseLong(q.get("start"));
                    t <= Long.parseLong(q.get("end"));
                    t += Long.parseLong(q.get("step"))) {
                values.add("[" + t + ",\"" + rate + "\"]");
            }
            byte[] body = ("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[{\"metric\":{},"
                            + "\"values\":[" + String.join(",", values) + "]}]}}")
                    .getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        config = tmp.resolve("release-guard.yaml");
        Files.writeString(
                config,
                "version: 1\nenvironments:\n" + env("calm", url, "errors_low", "total")
                        + env("broken", url, "errors_high", "total") + env("idle", url, "errors_low", "total_tiny")
                        + env("mixed", url, "'errors{service=\"${service}\"}'", "'total{service=\"${service}\"}'")
                        + "services:\n  - name: api\n  - name: web\n");
    }

    private static String env(String name, String url, String errors, String total) {
        return "  - name: " + name + "\n    regression:\n      prometheus: { url: \"" + url + "\", errors: " + errors
                + ", total: " + total + " }\n      baseline: 1h\n      window: 15m\n      maxErrorRate: 0.05\n"
                + "      minSamples: 100\n";
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private CliRunner.Result run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of(
                "--config",
                config.toString(),
                "--state-dir",
                tmp.resolve("state").toString()));
        return CliRunner.runWith(CliRunner.CLOCK, Map.of(), all.toArray(String[]::new));
    }

    @Test
    void regressionExitsZeroOnPassFourOnFailAndTwoWhenInconclusive() throws IOException {
        String since = NOW.minus(Duration.ofMinutes(30)).toString();
        CliRunner.Result calm = run("regression", "--env", "calm", "--since", since, "--release", "R3", "--json");
        assertThat(calm.code()).as(calm.err()).isZero();
        JsonNode json = JsonReports.MAPPER.readTree(calm.out());
        assertThat(json.get("verdict").asText()).isEqualTo("PASS");
        assertThat(json.get("release").asText()).isEqualTo("R3");
        assertThat(json.get("afterStart").asText())
                .isEqualTo(NOW.minus(Duration.ofMinutes(15)).toString());
        assertThat(json.get("signals").get(0).get("message").asText())
                .isEqualTo("error rate 0.10% after the deploy (9 of 9000 requests)");

        CliRunner.Result broken = run("regression", "--env", "broken", "--since", since);
        assertThat(broken.code()).isEqualTo(4);
        assertThat(broken.out())
                .contains("FAIL         prometheus error rate 20.00% after the deploy (1800 of 9000 requests): above"
                        + " maxErrorRate 5.00%");

        CliRunner.Result idle = run("regression", "--env", "idle", "--since", since);
        assertThat(idle.code()).isEqualTo(2);
        assertThat(idle.out()).contains("INCONCLUSIVE").contains("only 9 requests after the deploy");

        CliRunner.Result future = run(
                "regression", "--env", "calm", "--since", NOW.plusSeconds(60).toString());
        assertThat(future.code()).isEqualTo(3);
        assertThat(future.err()).contains("nothing to compare yet");
    }

    @Test
    void followupDueRunsRecordsAndNamesTheReleaseAndServices() throws Exception {
        FileFollowupStore store = new FileFollowupStore(tmp.resolve("state"));
        store.schedule(
                "broken",
                "R9",
                List.of("api", "web"),
                NOW.minus(Duration.ofHours(2)),
                List.of(Duration.ofHours(1), Duration.ofHours(4)));

        CliRunner.Result list = run("followup");
        assertThat(list.code()).isZero();
        assertThat(list.out()).contains("broken/R9/+1h").contains("pending");

        CliRunner.Result due = run("followup", "--due");
        assertThat(due.code()).isEqualTo(4);
        assertThat(due.out())
                .startsWith("FAIL broken/R9/+1h: release R9 in broken, services api,web; implicated: api,web\n")
                .contains("prometheus: error rate 20.00%");

        CliRunner.Result again = run("followup", "--due", "--json");
        assertThat(again.code()).isZero();
        assertThat(again.out().strip()).isEqualTo("[]");
        JsonNode all = JsonReports.MAPPER.readTree(run("followup", "--json").out());
        assertThat(all.get(0).get("result").get("verdict").asText()).isEqualTo("FAIL");
        assertThat(all.get(1).get("result").isNull()).isTrue();
        assertThat(new FileStateStore(tmp.resolve("state"), CliRunner.CLOCK)
                        .audit()
                        .read()
                        .records())
                .singleElement()
                .satisfies(r -> assertThat(r.action()).isEqualTo("followup"));
    }

    @Test
    void queriesScopedPerServiceNameTheServiceThatRegressed() throws Exception {
        String since = NOW.minus(Duration.ofMinutes(30)).toString();
        CliRunner.Result mixed = run("regression", "--env", "mixed", "--since", since, "--release", "R4");
        assertThat(mixed.code()).as(mixed.err()).isEqualTo(4);
        assertThat(mixed.out())
                .contains("PASS         prometheus/api error rate 0.10% after the deploy")
                .contains("FAIL         prometheus/web error rate 20.00% after the deploy")
                .endsWith("mixed: FAIL (web)\n");

        new FileFollowupStore(tmp.resolve("state"))
                .schedule(
                        "mixed",
                        "R4",
                        List.of("api", "web"),
                        NOW.minus(Duration.ofHours(2)),
                        List.of(Duration.ofHours(1)));
        CliRunner.Result due = run("followup", "--due", "--json");
        assertThat(due.code()).isEqualTo(4);
        JsonNode outcome = JsonReports.MAPPER.readTree(due.out()).get(0);
        assertThat(outcome.get("implicated").toString()).isEqualTo("[\"web\"]");
        assertThat(outcome.get("followup").get("result").get("implicated").toString())
                .isEqualTo("[\"web\"]");
    }
}
