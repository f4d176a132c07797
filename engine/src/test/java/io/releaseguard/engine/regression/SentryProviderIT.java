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
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
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
 * ("Retrieve a Project", "List a Project's Issues", "Retrieve Event Counts for a Project", "Retrieve Release Health
 * Session Statistics"): a quiet release, a new issue after the deploy, an event-rate spike, a normal release, a
 * project without release health, per-service projects, and a refused token.
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

    /** How a replayed project behaves: its issues, events per 10 s before/after, sessions per hour before/after. */
    private record Project(String id, String issues, long eventsBefore, long eventsAfter, long before, long after) {}

    private static final String NO_ISSUES = "[]";
    private static final Map<String, Project> PROJECTS = Map.of(
            "quiet", new Project("11", NO_ISSUES, 1, 1, 4000, 30),
            "fresh",
                    new Project(
                            "12",
                            "[" + issue("7", "LEDGER-7", "TypeError: balance is undefined", DEPLOY.plusSeconds(120), 12)
                                    + "," + issue("3", "LEDGER-3", "Old timeout", DEPLOY.minus(Duration.ofDays(3)), 900)
                                    + "]",
                            1,
                            1,
                            4000,
                            1000),
            "spiky", new Project("13", NO_ISSUES, 1, 5, 4000, 1000),
            "calm", new Project("14", NO_ISSUES, 1, 1, 4000, 1000),
            "nohealth", new Project("15", NO_ISSUES, 1, 1, 0, 0));

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

    /** The project as "Retrieve a Project" shows it. */
    private static String project(String slug, Project p) {
        return "{\"id\":\"" + p.id() + "\",\"slug\":\"" + slug + "\",\"name\":\"" + slug + "\",\"platform\":\"java\","
                + "\"dateCreated\":\"2018-11-06T21:19:58.536Z\",\"isBookmarked\":false,\"isMember\":true,"
                + "\"hasAccess\":true,\"firstEvent\":\"2018-11-06T21:19:58.639Z\",\"status\":\"active\","
                + "\"team\":{\"id\":\"1\",\"slug\":\"engineering\",\"name\":\"Engineering\"},"
                + "\"teams\":[{\"id\":\"1\",\"slug\":\"engineering\",\"name\":\"Engineering\"}]}";
    }

    /** Event buckets: {@code perBucketBefore} in each 10 s bucket of the hour before, {@code perBucketAfter} after. */
    private static String stats(long perBucketBefore, long perBucketAfter) {
        List<String> buckets = new ArrayList<>();
        for (Instant t = DEPLOY.minus(Duration.ofHours(1)); t.isBefore(AT); t = t.plusSeconds(10)) {
            buckets.add("[" + t.getEpochSecond() + "," + (t.isBefore(DEPLOY) ? perBucketBefore : perBucketAfter) + "]");
        }
        return "[" + String.join(",", buckets) + "]";
    }

    /**
     * Session statistics as documented: hourly intervals aligned to the hour covering start..end, one group (no
     * groupBy) with totals and a series. The deployed release only has sessions after the deploy.
     */
    private static String sessions(Map<String, String> q) {
        Project p = PROJECTS.values().stream()
                .filter(x -> x.id().equals(q.get("project")))
                .findFirst()
                .orElseThrow();
        boolean release = q.containsKey("query");
        Instant start =
                LocalDateTime.parse(q.get("start")).toInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS);
        Instant end = LocalDateTime.parse(q.get("end")).toInstant(ZoneOffset.UTC);
        List<String> intervals = new ArrayList<>();
        List<Long> series = new ArrayList<>();
        for (Instant t = start; t.isBefore(end); t = t.plus(Duration.ofHours(1))) {
            intervals.add("\"" + t + "\"");
            series.add(t.isBefore(DEPLOY) ? (release ? 0 : p.before()) : p.after());
        }
        long total = series.stream().mapToLong(Long::longValue).sum();
        return "{\"start\":\"" + start + "\",\"end\":\"" + start.plus(Duration.ofHours(intervals.size()))
                + "\",\"intervals\":[" + String.join(",", intervals) + "],\"groups\":[{\"by\":{},"
                + "\"totals\":{\"sum(session)\":" + total + "},\"series\":{\"sum(session)\":" + series + "}}]}";
    }

    private static Map<String, String> params(String rawQuery) {
        Map<String, String> q = new HashMap<>();
        for (String kv : rawQuery == null ? new String[0] : rawQuery.split("&")) {
            String[] pair = kv.split("=", 2);
            q.put(pair[0], URLDecoder.decode(pair[1], StandardCharsets.UTF_8));
        }
        return q;
    }

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/0/", ex -> {
            queries.add(ex.getRequestURI().toString());
            String[] parts = ex.getRequestURI().getPath().split("/");
            String body;
            int status = 200;
            if (!("Bearer " + TOKEN).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                status = 401;
                body = "{\"detail\":\"Invalid token\"}";
            } else if (parts[3].equals("organizations")) {
                body = sessions(params(ex.getRequestURI().getRawQuery()));
            } else {
                Project p = PROJECTS.get(parts[5]);
                if (parts.length == 6) {
                    body = project(parts[5], p);
                } else if (parts[6].equals("issues")) {
                    body = p.issues();
                } else {
                    body = stats(p.eventsBefore(), p.eventsAfter());
                }
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

    private static RegressionReport evaluate(String project, Map<String, String> env, List<String> services)
            throws Exception {
        Path file = tmp.resolve(project.replaceAll("[^a-z]", "") + ".yaml");
        Files.writeString(
                file,
                "version: 1\nenvironments:\n  - name: mainnet\n    regression:\n      sentry:\n"
                        + "        url: \"http://127.0.0.1:"
                        + server.getAddress().getPort() + "\"\n"
                        + "        organization: acme\n        project: \"" + project + "\"\n"
                        + "        environment: production\n"
                        + "        token: \"${env:SENTRY_TOKEN}\"\n"
                        + "      baseline: 1h\n      window: 15m\n      maxRatioToBaseline: 2\n      minSamples: 100\n");
        ReleaseGuardConfig config = ConfigLoader.load(file);
        return new RegressionWatch(new HttpProviders(probe, env))
                .evaluate(
                        config,
                        new WatchedDeploy("mainnet", Optional.of("R7"), Optional.of("R6"), services, DEPLOY),
                        AT);
    }

    private static RegressionReport evaluate(String project) throws Exception {
        return evaluate(project, Map.of("SENTRY_TOKEN", TOKEN), List.of("api"));
    }

    @Test
    void aQuietReleaseWithoutNewIssuesIsInconclusiveNeverAPass() throws Exception {
        RegressionReport r = evaluate("quiet");
        assertThat(r.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(r.signals().get(0).message())
                .isEqualTo("only 30 sessions of release R7 after the deploy, minSamples 100: too little traffic to"
                        + " judge");
        assertThat(queries)
                .anyMatch(q -> q.startsWith("/api/0/organizations/acme/sessions/?field=sum%28session%29&project=11"
                        + "&environment=production&query=release%3A%22R7%22&start=2026-11-20T12:00:00"
                        + "&end=2026-11-20T12:15:00&interval=1h"));
    }

    @Test
    void anIssueFirstSeenAfterTheDeployWithEnoughSessionsFailsAndIsNamed() throws Exception {
        RegressionReport r = evaluate("fresh");
        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.signals().get(0).message())
                .startsWith("1 new issue first seen after the deploy: LEDGER-7 \"TypeError: balance is undefined\""
                        + " (12 events)")
                .doesNotContain("LEDGER-3");
        assertThat(queries)
                .anyMatch(q -> q.contains("/projects/acme/fresh/issues/?query=is%3Aunresolved+firstSeen%3A%3E"
                        + "2026-11-20T12%3A00%3A00Z+release%3A%22R7%22"));
    }

    @Test
    void anEventRateSpikeOnExistingIssuesFails() throws Exception {
        RegressionReport r = evaluate("spiky");
        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.signals().get(0).message())
                .isEqualTo("event rate spiked: ratio 5.00 above maxRatioToBaseline 2.00; events 0.4500/session after"
                        + " the deploy (450 events, 1000 sessions), baseline 0.0900/session (360 events, 4000"
                        + " sessions), ratio 5.00");
    }

    @Test
    void aNormalReleasePasses() throws Exception {
        RegressionReport r = evaluate("calm");
        assertThat(r.verdict()).isEqualTo(Verdict.PASS);
        assertThat(r.signals().get(0).message())
                .isEqualTo("no new issues; events 0.0900/session after the deploy (90 events, 1000 sessions),"
                        + " baseline 0.0900/session (360 events, 4000 sessions), ratio 1.00");
    }

    @Test
    void aProjectWithoutReleaseHealthIsInconclusiveAndSaysHowToFixIt() throws Exception {
        RegressionReport r = evaluate("nohealth");
        assertThat(r.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(r.signals().get(0).message())
                .contains("the project has no release health")
                .contains("enable session tracking in the Sentry SDK");
    }

    @Test
    void oneProjectPerServiceNamesTheServiceThatRegressed() throws Exception {
        RegressionReport r = evaluate("${service}", Map.of("SENTRY_TOKEN", TOKEN), List.of("calm", "fresh"));
        assertThat(r.signals()).extracting(SignalResult::label).containsExactly("sentry/calm", "sentry/fresh");
        assertThat(r.signals()).extracting(SignalResult::verdict).containsExactly(Verdict.PASS, Verdict.FAIL);
        assertThat(r.implicated()).containsExactly("fresh");
    }

    @Test
    void aRefusedTokenIsInconclusiveAndTheTokenIsNeverShown() throws Exception {
        RegressionReport r = evaluate("calm", Map.of("SENTRY_TOKEN", "wrong-token-value"), List.of("api"));
        assertThat(r.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(r.signals().get(0).message())
                .startsWith("cannot query Sentry: http://127.0.0.1:")
                .contains("status 401");
        assertThat(JsonReports.write(r)).doesNotContain("wrong-token-value");
    }
}
