package io.releaseguard.engine.regression;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.releaseguard.engine.JsonReports;
import io.releaseguard.engine.config.ConfigLoader;
import io.releaseguard.engine.config.ReleaseGuardConfig;
import io.releaseguard.engine.health.HttpHealthProbe;
import io.releaseguard.engine.health.Verdict;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Sentry provider against a loopback server replaying the response shapes of Sentry's public API documentation
 * ("List a Project's Issues", "Retrieve Event Counts for a Project"): new issues after the deploy, an event-rate
 * spike, a calm project, and a refused token.
 */
class SentryProviderIT {
    private static final Instant DEPLOY = Instant.parse("2026-11-20T12:00:00Z");
    private static final Instant AT = DEPLOY.plus(Duration.ofMinutes(15));
    private static final String TOKEN = "sntrys_0123456789abcdef";

    @TempDir
    static Path tmp;

    private static HttpServer server;
    private static HttpHealthProbe probe;
    private static final ConcurrentLinkedQueue<String> queries = new ConcurrentLinkedQueue<>();

    /** An issue as the documentation shows it, trimmed to the fields a client may rely on plus a few others. */
    private static String issue(String id, String shortId, String title, Instant firstSeen, long count) {
        return "{\"annotations\":[],\"assignedTo\":null,\"count\":\"" + count
                + "\",\"culprit\":\"app.handlers in main\","
                + "\"firstSeen\":\"" + firstSeen + "\",\"hasSeen\":false,\"id\":\"" + id + "\",\"isBookmarked\":false,"
                + "\"isPublic\":false,\"isSubscribed\":true,\"lastSeen\":\"" + AT + "\",\"level\":\"error\","
                + "\"logger\":null,\"metadata\":{\"title\":\"" + title + "\"},\"numComments\":0,"
                + "\"permalink\":\"https://sentry.io/acme/ledger/issues/" + id + "/\","
                + "\"project\":{\"id\":\"2\",\"name\":\"Ledger\",\"slug\":\"ledger\"},\"shareId\":null,"
                + "\"shortId\":\"" + shortId + "\",\"stats\":{\"24h\":[[1541455200,473],[1541458800,914]]},"
                + "\"status\":\"unresolved\",\"statusDetails\":{},\"subscriptionDetails\":null,\"title\":\"" + title
                + "\",\"type\":\"error\",\"userCount\":3}";
    }

    /** Event buckets: {@code perBucketBefore} in each 10 s bucket of the hour before, {@code perBucketAfter} after. */
    private static String stats(long perBucketBefore, long perBucketAfter) {
        List<String> buckets = new ArrayList<>();
        for (Instant t = DEPLOY.minus(Duration.ofHours(1)); t.isBefore(AT); t = t.plusSeconds(10)) {
            buckets.add("[" + t.getEpochSecond() + "," + (t.isBefore(DEPLOY) ? perBucketBefore : perBucketAfter) + "]");
        }
        return "[" + String.join(",", buckets) + "]";
    }

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        Map<String, String[]> projects = Map.of(
                "fresh",
                        new String[] {
                            "[" + issue("7", "LEDGER-7", "TypeError: balance is undefined", DEPLOY.plusSeconds(120), 12)
                                    + "," + issue("3", "LEDGER-3", "Old timeout", DEPLOY.minus(Duration.ofDays(3)), 900)
                                    + "]",
                            stats(1, 1)
                        },
                "spiky", new String[] {"[]", stats(1, 5)},
                "calm", new String[] {"[]", stats(1, 1)});
        server.createContext("/api/0/projects/acme/", ex -> {
            queries.add(ex.getRequestURI().toString());
            String[] parts = ex.getRequestURI().getPath().split("/");
            String project = parts[5];
            String body;
            int status = 200;
            if (!("Bearer " + TOKEN).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                status = 401;
                body = "{\"detail\":\"Invalid token\"}";
            } else if (parts[6].equals("issues")) {
                body = projects.get(project)[0];
            } else {
                body = projects.get(project)[1];
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(status, bytes.length);
            ex.getResponseBody().write(bytes);
            ex.close();
        });
        server.start();
        probe = new HttpHealthProbe();
    }

    @AfterAll
    static void stop() {
        probe.close();
        server.stop(0);
    }

    private static RegressionReport evaluate(String project, Map<String, String> env) throws Exception {
        Path file = tmp.resolve(project + ".yaml");
        Files.writeString(
                file,
                "version: 1\nenvironments:\n  - name: mainnet\n    regression:\n      sentry:\n"
                        + "        url: \"http://127.0.0.1:"
                        + server.getAddress().getPort() + "\"\n"
                        + "        organization: acme\n        project: " + project + "\n"
                        + "        token: \"${env:SENTRY_TOKEN}\"\n"
                        + "      baseline: 1h\n      window: 15m\n      maxRatioToBaseline: 2\n      minSamples: 100\n");
        ReleaseGuardConfig config = ConfigLoader.load(file);
        return new RegressionWatch(new HttpProviders(probe, env))
                .evaluate(config, "mainnet", DEPLOY, AT, Optional.of("R7"), List.of("api"));
    }

    @Test
    void anIssueFirstSeenAfterTheDeployFailsAndIsNamed() throws Exception {
        RegressionReport r = evaluate("fresh", Map.of("SENTRY_TOKEN", TOKEN));
        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.signals().get(0).message())
                .startsWith("1 new issue first seen after the deploy: LEDGER-7 \"TypeError: balance is undefined\""
                        + " (12 events)")
                .doesNotContain("LEDGER-3");
        assertThat(queries).anyMatch(q -> q.contains("/issues/?query=is%3Aunresolved+firstSeen%3A%3E2026-11-20T12"));
    }

    @Test
    void anEventRateSpikeOnExistingIssuesFails() throws Exception {
        RegressionReport r = evaluate("spiky", Map.of("SENTRY_TOKEN", TOKEN));
        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.signals().get(0).message())
                .isEqualTo("event rate spiked: ratio 5.00 above maxRatioToBaseline 2.00; events 1800.00/h after the"
                        + " deploy (450), baseline 360.00/h (360), ratio 5.00");
    }

    @Test
    void aCalmProjectPasses() throws Exception {
        RegressionReport r = evaluate("calm", Map.of("SENTRY_TOKEN", TOKEN));
        assertThat(r.verdict()).isEqualTo(Verdict.PASS);
        assertThat(r.signals().get(0).message()).startsWith("no new issues; events 360.00/h after the deploy (90)");
    }

    @Test
    void aRefusedTokenIsInconclusiveAndTheTokenIsNeverShown() throws Exception {
        RegressionReport r = evaluate("calm", Map.of("SENTRY_TOKEN", "wrong-token-value"));
        assertThat(r.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(r.signals().get(0).message())
                .startsWith("cannot query Sentry: http://127.0.0.1:")
                .contains("status 401");
        assertThat(JsonReports.write(r)).doesNotContain("wrong-token-value");
    }
}
