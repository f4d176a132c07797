package io.releaseguard.engine.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseguard.engine.config.HealthCheckSpec;
import io.releaseguard.engine.health.ProbeResult.FailureKind;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * R6: every bad case a health endpoint can present, over real loopback TCP (and a host that does not resolve),
 * classified within timeout + 1 s, with reads capped and no threads left behind.
 */
class HttpHealthProbeIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    private static final long MAX_BODY = 1024 * 1024;
    private static BadHttpServer server;
    private static HttpHealthProbe probe;

    @BeforeAll
    static void start() throws IOException {
        server = new BadHttpServer();
        probe = new HttpHealthProbe();
        // Class loading of the JDK client is not what the timing bound is about.
        probe.probe(ProbeRequest.get(URI.create(server.url("/ok")), java.util.Map.of(), TIMEOUT, MAX_BODY));
    }

    @AfterAll
    static void stop() throws IOException {
        probe.close();
        server.close();
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("/ok", Verdict.PASS, "status 200; 4 assertions held"),
                Arguments.of(
                        "/html", Verdict.FAIL, "body is not JSON (text/html, 49 bytes: \"<html><body><h1>Internal"),
                Arguments.of(
                        "/wrong",
                        Verdict.FAIL,
                        "/status = \"degraded\", expected \"ok\"; /version = \"R0\", expected \"R1\"; /db/latencyMs = 900, expected ≤ 250 (warn); /queue is missing, expected it to exist"),
                Arguments.of("/nocontent", Verdict.FAIL, "status 204, expected 200 (empty body)"),
                Arguments.of("/redirect", Verdict.FAIL, "status 302 (redirect to /login?next=%2Fhealth), expected 200"),
                Arguments.of("/drip", Verdict.FAIL, "no complete response within 1s (status 200,"),
                Arguments.of("/silent", Verdict.FAIL, "no complete response within 1s"),
                Arguments.of("/huge", Verdict.FAIL, "body exceeds maxBodyBytes 1048576 (stopped reading after"),
                Arguments.of(
                        "/huge-declared",
                        Verdict.FAIL,
                        "body of 104857600 bytes (Content-Length) exceeds maxBodyBytes 1048576; not read"),
                Arguments.of("/badutf8", Verdict.FAIL, "body is not valid UTF-8 (10 bytes), expected UTF-8 text"),
                Arguments.of("/reset", Verdict.FAIL, "connection closed mid-body after"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyBadCaseIsClassifiedWithinTimeoutPlusOneSecond(String path, Verdict verdict, String message) {
        HealthCheckSpec check = Checks.check(TIMEOUT, MAX_BODY, Checks.standard());
        long start = System.nanoTime();
        ProbeResult r =
                probe.probe(ProbeRequest.get(URI.create(server.url(path)), java.util.Map.of(), TIMEOUT, MAX_BODY));
        Assessment a = HealthAssessment.assess(check, r, Optional.of("R1"));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(a.verdict()).as(a.message()).isEqualTo(verdict);
        assertThat(a.message()).startsWith(message);
        assertThat(took).isLessThan(TIMEOUT.plusSeconds(1));
    }

    @Test
    void aWarnCheckOnlyWarnsForTheSameBadCases() {
        HealthCheckSpec check = Checks.withSeverity(
                Checks.check(TIMEOUT, MAX_BODY, Checks.standard()), io.releaseguard.engine.config.Severity.WARN);
        for (String path : List.of("/html", "/reset", "/drip")) {
            ProbeResult r =
                    probe.probe(ProbeRequest.get(URI.create(server.url(path)), java.util.Map.of(), TIMEOUT, MAX_BODY));
            assertThat(HealthAssessment.assess(check, r, Optional.of("R1")).verdict())
                    .as(path)
                    .isEqualTo(Verdict.WARN);
        }
    }

    @Test
    void connectionRefusedAndTlsErrorsAreClassifiedAndNotTlsRetried() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        ProbeResult refused = probe.probe(ProbeRequest.get(
                URI.create("http://127.0.0.1:" + closedPort + "/health"), java.util.Map.of(), TIMEOUT, MAX_BODY));
        assertThat(refused).isInstanceOfSatisfying(ProbeResult.Failure.class, f -> {
            assertThat(f.kind()).isEqualTo(FailureKind.CONNECTION_REFUSED);
            assertThat(f.detail()).isEqualTo("connection refused");
        });
        assertThat(HealthAssessment.retryable(refused)).isTrue();

        ProbeResult tls = probe.probe(ProbeRequest.get(
                URI.create("https://127.0.0.1:" + server.port() + "/ok"), java.util.Map.of(), TIMEOUT, MAX_BODY));
        assertThat(tls).isInstanceOfSatisfying(ProbeResult.Failure.class, f -> {
            assertThat(f.kind()).isEqualTo(FailureKind.TLS);
            assertThat(f.detail()).startsWith("TLS error: ");
        });
        assertThat(HealthAssessment.retryable(tls)).isFalse();
    }

    @Test
    void anUnresolvableHostFailsWithinTimeoutPlusOneSecondSayingItCannotBeResolved() {
        // RFC 6761: names under .invalid never resolve.
        String host = "health.release-guard.invalid";
        HealthCheckSpec check = Checks.check(TIMEOUT, MAX_BODY, Checks.standard());
        long start = System.nanoTime();
        ProbeResult r = probe.probe(
                ProbeRequest.get(URI.create("http://" + host + "/health"), java.util.Map.of(), TIMEOUT, MAX_BODY));
        Assessment a = HealthAssessment.assess(check, r, Optional.of("R1"));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(r).isInstanceOfSatisfying(ProbeResult.Failure.class, f -> assertThat(f.kind())
                .isEqualTo(FailureKind.UNKNOWN_HOST));
        assertThat(a.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(a.message()).startsWith("cannot resolve host " + host);
        assertThat(took).isLessThan(TIMEOUT.plusSeconds(1));
    }

    @Test
    void aHundredMegabyteBodyIsNotRead() {
        server.hugeBytesSent.set(0);
        ProbeResult r =
                probe.probe(ProbeRequest.get(URI.create(server.url("/huge")), java.util.Map.of(), TIMEOUT, MAX_BODY));
        assertThat(r).isInstanceOfSatisfying(ProbeResult.Failure.class, f -> assertThat(f.kind())
                .isEqualTo(FailureKind.BODY_TOO_LARGE));
        // The server could only push what fits in the socket buffers before the client hung up.
        assertThat(server.hugeBytesSent.get()).isLessThan(BadHttpServer.HUGE / 4);
    }

    @Test
    void pooledConnectionsTheServerDropsOnReuseDoNotFailAGet() throws Exception {
        int pooled = 6;
        server.staleTogether = new java.util.concurrent.CyclicBarrier(pooled);
        ProbeRequest get = ProbeRequest.get(URI.create(server.url("/stale")), java.util.Map.of(), TIMEOUT, MAX_BODY);
        try (HttpHealthProbe own = new HttpHealthProbe()) {
            // Six GETs at once leave six keep-alive connections in the client's pool...
            java.util.concurrent.ExecutorService callers = java.util.concurrent.Executors.newFixedThreadPool(pooled);
            try {
                List<java.util.concurrent.Future<ProbeResult>> first = new java.util.ArrayList<>();
                for (int i = 0; i < pooled; i++) {
                    first.add(callers.submit(() -> own.probe(get)));
                }
                for (var f : first) {
                    assertThat(f.get()).isInstanceOf(ProbeResult.Response.class);
                }
            } finally {
                server.staleTogether = null;
                callers.shutdown();
            }
            int before = server.staleClosed.get();

            // ...which the server drops as each is reused: every GET still gets its answer, on a fresh connection.
            for (int i = 0; i < pooled; i++) {
                ProbeResult r = own.probe(get);

                assertThat(r).isInstanceOfSatisfying(ProbeResult.Response.class, ok -> assertThat(ok.status())
                        .isEqualTo(200));
            }
            assertThat(server.staleClosed.get() - before)
                    .as("pooled connections the server dropped on reuse before the answer")
                    .isGreaterThanOrEqualTo(pooled);
        }
    }

    @Test
    void closingTheProbeLeavesNoThreadBehindAndMemoryFlat() throws Exception {
        Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long heapBefore = rt.totalMemory() - rt.freeMemory();
        HttpHealthProbe own = new HttpHealthProbe();
        for (int i = 0; i < 5; i++) {
            for (String path : List.of("/ok", "/huge", "/huge-declared", "/reset", "/html")) {
                own.probe(ProbeRequest.get(URI.create(server.url(path)), java.util.Map.of(), TIMEOUT, MAX_BODY));
            }
        }
        System.gc();
        long heapAfter = rt.totalMemory() - rt.freeMemory();
        own.close();
        own = null;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (!before.contains(t) && !t.getName().startsWith("bad-http")) {
                t.join(10_000);
                assertThat(t.isAlive()).as("thread %s still alive", t.getName()).isFalse();
            }
        }
        assertThat(heapAfter - heapBefore)
                .as("heap growth after 10 x 100 MB bodies")
                .isLessThan(64L * 1024 * 1024);
    }
}
