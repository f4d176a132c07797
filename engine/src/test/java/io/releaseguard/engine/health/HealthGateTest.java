package io.releaseguard.engine.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.JsonReports;
import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.config.ConfigLoader;
import io.releaseguard.engine.config.ReleaseGuardConfig;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gate's decisions over an in-memory probe: targets, fleets, build info, severities, retries, secrets. */
class HealthGateTest {
    private static final String SHA = "0123456789abcdef0123456789abcdef01234567";

    @TempDir
    Path tmp;

    /** Answers by URL; counts calls and remembers request headers. */
    static final class FakeProbe implements HealthProbe {
        final Map<String, List<ProbeResult>> answers = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        final ConcurrentLinkedQueue<ProbeRequest> requests = new ConcurrentLinkedQueue<>();

        FakeProbe json(String url, String body) {
            return answer(url, ok(body));
        }

        FakeProbe answer(String url, ProbeResult... results) {
            answers.put(url, List.of(results));
            return this;
        }

        @Override
        public ProbeResult probe(ProbeRequest request) {
            requests.add(request);
            String url = request.url().toString();
            int n = calls.computeIfAbsent(url, k -> new AtomicInteger()).getAndIncrement();
            List<ProbeResult> list = answers.get(url);
            if (list == null) {
                return new ProbeResult.Failure(
                        ProbeResult.FailureKind.CONNECTION_REFUSED,
                        "connection refused",
                        OptionalInt.empty(),
                        Duration.ofMillis(1));
            }
            return list.get(Math.min(n, list.size() - 1));
        }
    }

    static ProbeResult ok(String body) {
        return new ProbeResult.Response(
                200,
                HttpHeaders.of(Map.of("Content-Type", List.of("application/json")), (k, v) -> true),
                body.getBytes(StandardCharsets.UTF_8),
                Duration.ofMillis(3));
    }

    static ProbeResult status(int status) {
        return new ProbeResult.Response(
                status, HttpHeaders.of(Map.of(), (k, v) -> true), new byte[0], Duration.ofMillis(2));
    }

    private ReleaseGuardConfig config() throws IOException, ReleaseGuardException {
        Path file = tmp.resolve("release-guard.yaml");
        Files.writeString(
                file,
                """
                version: 1
                environments:
                  - name: testnet
                  - name: mainnet
                services:
                  - name: api
                    endpoints: { testnet: "http://api.test/base/?token=${env:API_TOKEN}", mainnet: "https://api.example.org" }
                    health:
                      - name: ready
                        path: /health
                        headers: { Authorization: "Bearer ${env:API_TOKEN}" }
                        retries: 2
                        json:
                          - { pointer: /status, equals: ok }
                          - { pointer: /version, equals: "${release}" }
                          - { pointer: /db/latencyMs, max: 250, severity: warn }
                      - name: docs
                        path: /docs
                        severity: warn
                        bodyMatches: "API"
                  - name: ledger
                    tenants:
                      - { name: acme, url: "http://acme.test" }
                      - { name: globex, url: "http://globex.test" }
                    tenantsUrl: { testnet: "http://cp.test/tenants" }
                    buildinfo: { path: /buildinfo, pointer: /git_sha }
                    health:
                      - { name: ping, path: /ping, expectStatus: [200, 204] }
                """);
        return ConfigLoader.load(file);
    }

    private FakeProbe healthy() {
        return new FakeProbe()
                .json(
                        "http://api.test/base/health?token=s3cr3t-value",
                        "{\"status\":\"ok\",\"version\":\"" + SHA + "\",\"db\":{\"latencyMs\":5}}")
                .json("http://api.test/base/docs?token=s3cr3t-value", "API docs")
                .json("http://cp.test/tenants", "[{\"name\":\"initech\",\"url\":\"http://initech.test\"}]")
                .answer("http://acme.test/ping", status(204))
                .answer("http://globex.test/ping", status(204))
                .answer("http://initech.test/ping", status(204))
                .json("http://acme.test/buildinfo", "{\"git_sha\":\"" + SHA + "\"}")
                .json("http://globex.test/buildinfo", "{\"git_sha\":\"" + SHA.substring(0, 7) + "\"}")
                .json("http://initech.test/buildinfo", "{\"git_sha\":\"" + SHA + "\"}");
    }

    private static HealthGate gate(HealthProbe probe) {
        return new HealthGate(probe, Map.of("API_TOKEN", "s3cr3t-value"), 4, Duration.ZERO);
    }

    @Test
    void aHealthyEnvironmentPassesEveryCheckOnEveryTenant() throws Exception {
        FakeProbe probe = healthy();
        HealthReport r = gate(probe).check(config(), "testnet", Optional.empty(), Optional.of(SHA), Optional.empty());

        assertThat(r.verdict()).isEqualTo(Verdict.PASS);
        assertThat(r.checks())
                .extracting(c -> c.service() + "/" + c.tenant().orElse("-") + "/" + c.check() + "=" + c.verdict())
                .containsExactly(
                        "api/-/ready=PASS",
                        "api/-/docs=PASS",
                        "ledger/acme/ping=PASS",
                        "ledger/acme/buildinfo=PASS",
                        "ledger/globex/ping=PASS",
                        "ledger/globex/buildinfo=PASS",
                        "ledger/initech/ping=PASS",
                        "ledger/initech/buildinfo=PASS");
        assertThat(r.buildinfo()).contains(new BuildInfoReport(SHA, List.of()));
        assertThat(probe.requests)
                .filteredOn(q -> q.url().getPath().equals("/base/health"))
                .singleElement()
                .satisfies(q -> assertThat(q.headers()).containsEntry("Authorization", "Bearer s3cr3t-value"));
    }

    @Test
    void secretsNeverAppearInTheReportNotEvenInUrlsOrMessages() throws Exception {
        FakeProbe probe = healthy()
                .answer(
                        "http://api.test/base/health?token=s3cr3t-value",
                        new ProbeResult.Failure(
                                ProbeResult.FailureKind.IO,
                                "broken talking to http://api.test/base/health?token=s3cr3t-value",
                                OptionalInt.empty(),
                                Duration.ZERO));
        HealthReport r = gate(probe).check(config(), "testnet", Optional.of("api"), Optional.of(SHA), Optional.empty());

        String json = JsonReports.write(r);
        assertThat(json).doesNotContain("s3cr3t-value").contains("token=****");
        assertThat(r.checks().get(0).url()).isEqualTo("http://api.test/base/health?token=****");
        assertThat(r.checks().get(0).message()).isEqualTo("broken talking to http://api.test/base/health?token=****");
    }

    @Test
    void aTokenEchoedInA401BodyShowsNoPartOfItselfInTheCutExcerpt() throws Exception {
        String token = "tok_" + "9f8e7d6c5b4a3928171605f4e3d2c1b0a9f8e7d6c5b4a"; // 49 characters
        String body = "{\"error\":\"unauthorized\",\"seen\":\"Authorization: Bearer " + token + "\"}";
        FakeProbe probe = new FakeProbe()
                .answer(
                        "http://api.test/base/health?token=" + token,
                        new ProbeResult.Response(
                                401,
                                HttpHeaders.of(Map.of("Content-Type", List.of("application/json")), (k, v) -> true),
                                body.getBytes(StandardCharsets.UTF_8),
                                Duration.ofMillis(2)));

        HealthReport r = new HealthGate(probe, Map.of("API_TOKEN", token), 4, Duration.ZERO)
                .check(config(), "testnet", Optional.of("api"), Optional.of(SHA), Optional.empty());

        CheckResult ready = r.checks().get(0);
        assertThat(ready.message())
                .startsWith("status 401, expected 200 (application/json, " + body.length() + " bytes: ")
                .contains("Bearer ****");
        for (int i = 0; i + 8 <= token.length(); i++) {
            assertThat(JsonReports.write(r)).doesNotContain(token.substring(i, i + 8));
        }
    }

    @Test
    void warnAssertionsAndWarnChecksDegradeButFatalOnesFailAndWorstWins() throws Exception {
        FakeProbe probe = healthy()
                .json(
                        "http://api.test/base/health?token=s3cr3t-value",
                        "{\"status\":\"ok\",\"version\":\"R1\",\"db\":{\"latencyMs\":400}}")
                .json("http://api.test/base/docs?token=s3cr3t-value", "maintenance");
        HealthReport warn =
                gate(probe).check(config(), "testnet", Optional.of("api"), Optional.of("R1"), Optional.empty());
        assertThat(warn.verdict()).isEqualTo(Verdict.WARN);
        assertThat(warn.checks())
                .extracting(CheckResult::message)
                .containsExactly(
                        "/db/latencyMs = 400, expected ≤ 250 (warn)",
                        "body does not match /API/ (application/json, 11 bytes: \"maintenance\")");

        probe.json(
                "http://api.test/base/health?token=s3cr3t-value",
                "{\"status\":\"down\",\"version\":\"R1\",\"db\":{\"latencyMs\":400}}");
        HealthReport fail =
                gate(probe).check(config(), "testnet", Optional.of("api"), Optional.of("R1"), Optional.empty());
        assertThat(fail.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(fail.checks().get(0).message())
                .isEqualTo("/status = \"down\", expected \"ok\"; /db/latencyMs = 400, expected ≤ 250 (warn)");
    }

    @Test
    void onlyConnectionErrorsTimeoutsAnd5xxAreRetried() throws Exception {
        String url = "http://api.test/base/health?token=s3cr3t-value";
        FakeProbe flaky = healthy()
                .answer(
                        url,
                        status(503),
                        status(502),
                        ok("{\"status\":\"ok\",\"version\":\"R1\",\"db\":{\"latencyMs\":1}}"));
        HealthReport r =
                gate(flaky).check(config(), "testnet", Optional.of("api"), Optional.of("R1"), Optional.empty());
        assertThat(r.checks().get(0).verdict()).isEqualTo(Verdict.PASS);
        assertThat(flaky.calls.get(url)).hasValue(3);

        FakeProbe notFound = healthy().answer(url, status(404), ok("{}"));
        HealthReport r2 =
                gate(notFound).check(config(), "testnet", Optional.of("api"), Optional.of("R1"), Optional.empty());
        assertThat(r2.checks().get(0).message()).isEqualTo("status 404, expected 200 (empty body)");
        assertThat(notFound.calls.get(url)).hasValue(1);
    }

    @Test
    void tenantsOnAnOldShaAreNamedWithWhatTheyReported() throws Exception {
        FakeProbe probe = healthy()
                .json("http://globex.test/buildinfo", "{\"git_sha\":\"deadbeef\"}")
                .answer("http://initech.test/buildinfo", status(500));
        HealthReport r =
                gate(probe).check(config(), "testnet", Optional.of("ledger"), Optional.of(SHA), Optional.empty());

        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.buildinfo().orElseThrow().mismatches())
                .containsExactly(
                        new BuildInfoReport.Mismatch("globex", Optional.of("deadbeef")),
                        new BuildInfoReport.Mismatch("initech", Optional.empty()));
        assertThat(r.checks())
                .filteredOn(c -> c.check().equals("buildinfo") && c.verdict() == Verdict.FAIL)
                .extracting(CheckResult::message)
                .containsExactly("reports deadbeef, expected " + SHA, "status 500, expected 200");
    }

    @Test
    void withoutAReleaseTheMajorityShaIsExpectedSoASplitFleetFails() throws Exception {
        FakeProbe probe = healthy().json("http://globex.test/buildinfo", "{\"git_sha\":\"deadbeef\"}");
        ReleaseGuardConfig config = config();
        HealthReport r =
                gate(probe).check(config, "testnet", Optional.of("ledger"), Optional.empty(), Optional.empty());
        assertThat(r.buildinfo().orElseThrow())
                .isEqualTo(new BuildInfoReport(
                        SHA, List.of(new BuildInfoReport.Mismatch("globex", Optional.of("deadbeef")))));
        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void aTenantSubsetChecksOnlyThatBatch() throws Exception {
        FakeProbe probe = healthy();
        HealthReport r = gate(probe)
                .check(config(), "testnet", Optional.of("ledger"), Optional.of(SHA), Optional.of(List.of("globex")));
        assertThat(r.checks()).extracting(c -> c.tenant().orElseThrow()).containsOnly("globex");
        assertThat(probe.calls).doesNotContainKey("http://acme.test/ping");

        assertThatThrownBy(() -> gate(probe)
                        .check(
                                config(),
                                "testnet",
                                Optional.of("ledger"),
                                Optional.of(SHA),
                                Optional.of(List.of("umbrella"))))
                .isInstanceOfSatisfying(ReleaseGuardException.class, e -> assertThat(e.exitCode())
                        .isEqualTo(ExitCode.INVALID))
                .hasMessage("service ledger has no tenant umbrella in testnet; known: acme, globex, initech");
    }

    @Test
    void anUnreadableTenantListIsAFailedCheckNotACrash() throws Exception {
        FakeProbe probe = healthy().json("http://cp.test/tenants", "<html>login</html>");
        HealthReport r =
                gate(probe).check(config(), "testnet", Optional.of("ledger"), Optional.of(SHA), Optional.empty());
        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.checks().get(0).check()).isEqualTo("tenants");
        assertThat(r.checks().get(0).message())
                .isEqualTo("cannot list tenants: body is not JSON, expected an array of {\"name\", \"url\"}");
    }

    @Test
    void misuseIsInvalidWithTheReasonNamed() throws Exception {
        ReleaseGuardConfig config = config();
        FakeProbe probe = healthy();
        assertThatThrownBy(
                        () -> gate(probe).check(config, "prod", Optional.empty(), Optional.empty(), Optional.empty()))
                .hasMessage("unknown environment 'prod'; known: testnet, mainnet");
        assertThatThrownBy(() ->
                        gate(probe).check(config, "testnet", Optional.of("api"), Optional.empty(), Optional.empty()))
                .hasMessage(
                        "health check api/ready expects ${release} at /version; pass the release being promoted (--release)");
        HealthGate noEnv = new HealthGate(probe, Map.of(), 4, Duration.ZERO);
        assertThatThrownBy(
                        () -> noEnv.check(config, "testnet", Optional.of("api"), Optional.of("R1"), Optional.empty()))
                .isInstanceOfSatisfying(ReleaseGuardException.class, e -> assertThat(e.exitCode())
                        .isEqualTo(ExitCode.INVALID))
                .hasMessage(
                        "services.api.health.ready references ${env:API_TOKEN}, but API_TOKEN is not set in the environment");
    }

    @Test
    void theJsonReportHasExactlyTheDocumentedShape() throws Exception {
        FakeProbe probe = healthy().json("http://globex.test/buildinfo", "{\"git_sha\":\"deadbeef\"}");
        HealthReport r = gate(probe)
                .check(config(), "testnet", Optional.of("ledger"), Optional.of(SHA), Optional.of(List.of("globex")));
        String json = JsonReports.write(r);
        assertThat(json)
                .isEqualTo("{\"environment\":\"testnet\",\"verdict\":\"FAIL\",\"checks\":["
                        + "{\"service\":\"ledger\",\"tenant\":\"globex\",\"check\":\"ping\",\"url\":\"http://globex.test/ping\","
                        + "\"verdict\":\"PASS\",\"severity\":\"FATAL\",\"status\":204,\"latencyMs\":2,\"message\":\"status 204\"},"
                        + "{\"service\":\"ledger\",\"tenant\":\"globex\",\"check\":\"buildinfo\",\"url\":\"http://globex.test/buildinfo\","
                        + "\"verdict\":\"FAIL\",\"severity\":\"FATAL\",\"status\":200,\"latencyMs\":3,\"message\":\"reports deadbeef, expected "
                        + SHA + "\"}],"
                        + "\"buildinfo\":{\"expected\":\"" + SHA
                        + "\",\"mismatches\":[{\"tenant\":\"globex\",\"reported\":\"deadbeef\"}]}}");
        HealthReport api =
                gate(healthy()).check(config(), "testnet", Optional.of("api"), Optional.of("R1"), Optional.empty());
        assertThat(JsonReports.write(api)).contains("\"tenant\":null").endsWith("\"buildinfo\":null}");
    }
}
