package io.releaseguard.engine.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseguard.engine.health.ProbeResult.FailureKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ServerSocketFactory;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The probe's HTTP/1.1 client on the wire, against loopback servers that script every byte: message framing
 * (chunked, Content-Length, until close, interim 1xx), connection reuse, deadlines that hold while headers drip or
 * a request body is refused, request heads that cannot be split, and TLS with a certificate the test made.
 */
class Http1WireIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    private static final long MAX_BODY = 1024 * 1024;
    private static final String JSON = "{\"status\":\"ok\"}";

    @TempDir
    static Path keys;

    private static SSLContext trusted;
    private static SSLContext serverForLoopback;
    private static SSLContext serverForOtherName;

    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final ScheduledExecutorService drip = Executors.newSingleThreadScheduledExecutor();
    private final Queue requests = new Queue();
    private final AtomicInteger connections = new AtomicInteger();
    private final HttpHealthProbe probe = new HttpHealthProbe(trusted);
    private ServerSocket server;

    @BeforeAll
    static void certificates() throws Exception {
        KeyStore loopback = keyStore("loopback", "SAN=dns:localhost,ip:127.0.0.1");
        KeyStore other = keyStore("other", "SAN=dns:other.example");
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        KeyStore both = KeyStore.getInstance("PKCS12");
        both.load(null, null);
        both.setCertificateEntry("loopback", loopback.getCertificate("probe"));
        both.setCertificateEntry("other", other.getCertificate("probe"));
        tmf.init(both);
        trusted = SSLContext.getInstance("TLS");
        trusted.init(null, tmf.getTrustManagers(), null);
        serverForLoopback = serverContext(loopback);
        serverForOtherName = serverContext(other);
    }

    /** A key pair and self-signed certificate made by the JDK's keytool, as an operator would make one. */
    private static KeyStore keyStore(String name, String san) throws Exception {
        Path file = keys.resolve(name + ".p12");
        Process p = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "keytool")
                                .toString(),
                        "-genkeypair",
                        "-alias",
                        "probe",
                        "-keyalg",
                        "EC",
                        "-groupname",
                        "secp256r1",
                        "-dname",
                        "CN=" + name,
                        "-ext",
                        san,
                        "-validity",
                        "2",
                        "-keystore",
                        file.toString(),
                        "-storetype",
                        "PKCS12",
                        "-storepass",
                        "changeit",
                        "-keypass",
                        "changeit")
                .redirectErrorStream(true)
                .start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(output).isZero();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = java.nio.file.Files.newInputStream(file)) {
            ks.load(in, "changeit".toCharArray());
        }
        return ks;
    }

    private static SSLContext serverContext(KeyStore ks) throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        SSLContext c = SSLContext.getInstance("TLS");
        c.init(kmf.getKeyManagers(), null, null);
        return c;
    }

    @AfterEach
    void stop() throws IOException {
        silence.countDown();
        probe.close();
        if (server != null) {
            server.close();
        }
        drip.shutdownNow();
        threads.shutdownNow();
    }

    /** What the server does with each accepted connection. */
    interface Script {
        void serve(Socket s, InputStream in, OutputStream out) throws Exception;
    }

    private String serve(Script script) throws IOException {
        return serve(ServerSocketFactory.getDefault(), "http", script);
    }

    private String serve(ServerSocketFactory factory, String scheme, Script script) throws IOException {
        server = factory.createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.execute(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    connections.incrementAndGet();
                    threads.execute(() -> {
                        try (s) {
                            script.serve(s, s.getInputStream(), s.getOutputStream());
                        } catch (Exception e) {
                            // the client hung up, or the test is over
                        }
                    });
                } catch (IOException e) {
                    return;
                }
            }
        });
        return scheme + "://127.0.0.1:" + server.getLocalPort();
    }

    /** Request heads as the server read them, in arrival order. */
    static final class Queue extends ConcurrentLinkedQueue<String> {
        private static final long serialVersionUID = 1L;

        String read(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int c;
            while ((c = in.read()) >= 0) {
                head.write(c);
                if (head.size() >= 4
                        && head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                    String text = head.toString(StandardCharsets.ISO_8859_1);
                    add(text);
                    return text;
                }
            }
            return null;
        }
    }

    private ProbeResult get(String url) {
        return probe.probe(ProbeRequest.get(URI.create(url), Map.of(), TIMEOUT, MAX_BODY));
    }

    private static String ok(String headers, String body) {
        return "HTTP/1.1 200 OK\r\n" + headers + "\r\n" + body;
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    private static ProbeResult.Response response(ProbeResult r) {
        assertThat(r).isInstanceOf(ProbeResult.Response.class);
        return (ProbeResult.Response) r;
    }

    private static ProbeResult.Failure failure(ProbeResult r) {
        assertThat(r).isInstanceOf(ProbeResult.Failure.class);
        return (ProbeResult.Failure) r;
    }

    @Test
    void chunkedBodiesWithExtensionsAndTrailersAreReadAndTheConnectionIsReused() throws Exception {
        String base = serve((s, in, out) -> {
            while (requests.read(in) != null) {
                write(
                        out,
                        ok(
                                "Transfer-Encoding: chunked\r\nContent-Type: application/json\r\n",
                                "5;name=value\r\n{\"sta\r\na\r\ntus\":\"ok\"}\r\n0\r\nX-Checksum: 1\r\n\r\n"));
            }
        });

        for (int i = 0; i < 3; i++) {
            ProbeResult.Response r = response(get(base + "/health"));
            assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(JSON);
            assertThat(r.contentType()).contains("application/json");
        }
        assertThat(connections.get()).as("connections opened for three GETs").isEqualTo(1);
    }

    @Test
    void theRequestHeadCarriesHostWithPortTheRawTargetAndTheCallersHeaders() throws Exception {
        String base = serve((s, in, out) -> {
            requests.read(in);
            write(out, ok("Content-Length: 2\r\n", "{}"));
        });

        response(probe.probe(ProbeRequest.get(
                URI.create(base + "/p/a%20b?x=1&y=%2F"), Map.of("Accept", "application/json"), TIMEOUT, MAX_BODY)));

        String head = requests.peek();
        assertThat(head).startsWith("GET /p/a%20b?x=1&y=%2F HTTP/1.1\r\n");
        assertThat(head)
                .contains(
                        "\r\nHost: 127.0.0.1:" + server.getLocalPort() + "\r\n",
                        "\r\nAccept: application/json\r\n",
                        "\r\nUser-Agent: release-guard\r\n");
        assertThat(head).doesNotContain("Content-Length");
    }

    @Test
    void interimResponsesAreSkippedAndAnHttp10BodyIsReadUntilTheServerCloses() throws Exception {
        String base = serve((s, in, out) -> {
            requests.read(in);
            write(
                    out,
                    "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n"
                            + "HTTP/1.0 200 OK\r\nContent-Type: application/json\r\n\r\n" + JSON);
        });

        ProbeResult.Response first = response(get(base + "/health"));
        ProbeResult.Response second = response(get(base + "/health"));

        assertThat(first.status()).isEqualTo(200);
        assertThat(new String(first.body(), StandardCharsets.UTF_8)).isEqualTo(JSON);
        assertThat(first.headers().firstValue("link"))
                .as("headers of the interim response")
                .isEmpty();
        assertThat(second.status()).isEqualTo(200);
        assertThat(connections.get())
                .as("a body delimited by close cannot share its connection")
                .isEqualTo(2);
    }

    @Test
    void transferEncodingOverridesContentLengthAndSuchAConnectionIsNotReused() throws Exception {
        String base = serve((s, in, out) -> {
            while (requests.read(in) != null) {
                write(out, ok("Content-Length: 3\r\nTransfer-Encoding: chunked\r\n", "f\r\n" + JSON + "\r\n0\r\n\r\n"));
            }
        });

        assertThat(new String(response(get(base + "/a")).body(), StandardCharsets.UTF_8))
                .isEqualTo(JSON);
        assertThat(new String(response(get(base + "/b")).body(), StandardCharsets.UTF_8))
                .isEqualTo(JSON);
        assertThat(connections.get()).isEqualTo(2);
    }

    @Test
    void bytesThatAreNotHttpAreAnInvalidResponseNamingWhatArrived() throws Exception {
        String base = serve((s, in, out) -> {
            String head = requests.read(in);
            write(
                    out,
                    head.startsWith("GET /chunk")
                            ? ok("Transfer-Encoding: chunked\r\n", "zz\r\n")
                            : head.startsWith("GET /length")
                                    ? ok("Content-Length: 12, 13\r\n", "")
                                    : "SSH-2.0-OpenSSH_9.2\r\n");
        });

        assertThat(failure(get(base + "/")).detail())
                .isEqualTo("invalid HTTP response: not an HTTP/1.x status line: \"SSH-2.0-OpenSSH_9.2\"");
        ProbeResult.Failure chunk = failure(get(base + "/chunk"));
        assertThat(chunk.kind()).isEqualTo(FailureKind.IO);
        assertThat(chunk.detail()).isEqualTo("invalid HTTP response: invalid chunk size \"zz\"");
        assertThat(chunk.status()).hasValue(200);
        assertThat(failure(get(base + "/length")).detail())
                .isEqualTo("invalid HTTP response: conflicting Content-Length values 12 and 13");
    }

    @Test
    void headersDrippedAByteAtATimeCannotHoldTheProbePastItsDeadline() throws Exception {
        String base = serve((s, in, out) -> {
            requests.read(in);
            write(out, "HTTP/1.1 200 OK\r\nX-Slow: ");
            dripUntilGone(out, 'a', Integer.MAX_VALUE);
        });

        long start = System.nanoTime();
        ProbeResult.Failure f = failure(get(base + "/health"));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(f.kind()).isEqualTo(FailureKind.TIMEOUT);
        assertThat(f.detail()).isEqualTo("no complete response within 1s");
        assertThat(took).isLessThan(TIMEOUT.plusSeconds(1));
    }

    @Test
    void aRequestBodyTheServerNeverReadsCannotHoldTheProbePastItsDeadline() throws Exception {
        String base = serve((s, in, out) -> silence.await());
        byte[] body = new byte[32 * 1024 * 1024];

        timesOutWithinTheDeadline(() -> probe.probe(new ProbeRequest(
                URI.create(base + "/upload"), "POST", Map.of(), Optional.of(body), TIMEOUT, MAX_BODY)));
    }

    /** Servers that accept and then say nothing wait on this until the test is over. */
    private final java.util.concurrent.CountDownLatch silence = new java.util.concurrent.CountDownLatch(1);

    private void timesOutWithinTheDeadline(java.util.function.Supplier<ProbeResult> exchange) {
        long start = System.nanoTime();
        ProbeResult.Failure f = failure(exchange.get());
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        silence.countDown();

        assertThat(f.kind()).isEqualTo(FailureKind.TIMEOUT);
        assertThat(took).isLessThan(TIMEOUT.plusSeconds(1));
    }

    @Test
    void aPostNeverTakesAPooledConnectionAndAPutDoes() throws Exception {
        String base = serve((s, in, out) -> {
            String head;
            while ((head = requests.read(in)) != null) {
                int length = head.contains("Content-Length: 2") ? 2 : 0;
                in.readNBytes(length);
                write(out, ok("Content-Length: 2\r\n", "{}"));
            }
        });
        Optional<byte[]> body = Optional.of("{}".getBytes(StandardCharsets.UTF_8));

        response(get(base + "/a"));
        response(probe.probe(new ProbeRequest(URI.create(base + "/b"), "POST", Map.of(), body, TIMEOUT, MAX_BODY)));
        response(probe.probe(new ProbeRequest(URI.create(base + "/c"), "PUT", Map.of(), body, TIMEOUT, MAX_BODY)));

        assertThat(connections.get())
                .as("GET opens one, POST a fresh one, PUT reuses")
                .isEqualTo(2);
        assertThat(requests).hasSize(3);
        assertThat(requests.stream().skip(1)).allSatisfy(h -> assertThat(h).contains("\r\nContent-Length: 2\r\n"));
    }

    @Test
    void aHeaderThatWouldSplitTheRequestIsRefusedWithoutSendingOrShowingIt() throws Exception {
        String base = serve((s, in, out) -> requests.read(in));

        ProbeResult.Failure f = failure(probe.probe(ProbeRequest.get(
                URI.create(base + "/health"), Map.of("X-Token", "s3cr3t\r\nX-Admin: yes"), TIMEOUT, MAX_BODY)));
        ProbeResult.Failure framing = failure(probe.probe(
                ProbeRequest.get(URI.create(base + "/health"), Map.of("Content-Length", "5"), TIMEOUT, MAX_BODY)));

        assertThat(f.kind()).isEqualTo(FailureKind.IO);
        assertThat(f.detail()).isEqualTo("invalid request: header X-Token has an invalid character at position 6");
        assertThat(framing.detail()).isEqualTo("invalid request: header Content-Length is set by the client");
        assertThat(connections.get()).isZero();
    }

    @Test
    void tlsWithATrustedCertificateForTheAddressWorksAndIsReused() throws Exception {
        String base = serve(serverForLoopback.getServerSocketFactory(), "https", (s, in, out) -> {
            while (requests.read(in) != null) {
                write(out, ok("Content-Length: " + JSON.length() + "\r\n", JSON));
            }
        });

        for (int i = 0; i < 2; i++) {
            assertThat(new String(response(get(base + "/health")).body(), StandardCharsets.UTF_8))
                    .isEqualTo(JSON);
        }
        assertThat(connections.get()).isEqualTo(1);
    }

    @Test
    void aTrustedCertificateForAnotherNameIsATlsError() throws Exception {
        String base = serve(serverForOtherName.getServerSocketFactory(), "https", (s, in, out) -> requests.read(in));

        ProbeResult.Failure f = failure(get(base + "/health"));

        assertThat(f.kind()).isEqualTo(FailureKind.TLS);
        assertThat(f.detail()).startsWith("TLS error: ").contains("127.0.0.1");
        assertThat(requests)
                .as("no request is sent to a server that failed verification")
                .isEmpty();
    }

    @Test
    void aServerThatAcceptsButNeverAnswersTheHandshakeTimesOut() throws Exception {
        String base = serve(ServerSocketFactory.getDefault(), "https", (s, in, out) -> silence.await());

        timesOutWithinTheDeadline(() -> get(base + "/health"));
    }

    @Test
    void aHandshakeDrippedAByteAtATimeCannotHoldTheProbePastItsDeadline() throws Exception {
        // Each byte arrives well within the read timeout; only a deadline on the whole handshake stops it.
        String base = serve(ServerSocketFactory.getDefault(), "https", (s, in, out) -> {
            in.read(new byte[4096]);
            // A TLS handshake record header announcing 16 KiB, whose bytes then trickle in (for 5 s at most).
            out.write(new byte[] {0x16, 0x03, 0x03, 0x40, 0x00});
            out.flush();
            dripUntilGone(out, 0, 100);
        });

        timesOutWithinTheDeadline(() -> get(base + "/health"));
    }

    /**
     * Writes {@code b} every 50 ms, at most {@code count} times, until the client hangs up; returns when it did (or,
     * once the drip ran dry, when the test is over).
     */
    private void dripUntilGone(OutputStream out, int b, int count) throws InterruptedException {
        java.util.concurrent.CountDownLatch gone = new java.util.concurrent.CountDownLatch(1);
        AtomicInteger sent = new AtomicInteger();
        drip.scheduleAtFixedRate(
                () -> {
                    try {
                        if (sent.incrementAndGet() > count) {
                            throw new IllegalStateException("enough");
                        }
                        out.write(b);
                        out.flush();
                    } catch (IOException e) {
                        gone.countDown();
                        throw new IllegalStateException("client gone", e);
                    }
                },
                50,
                50,
                TimeUnit.MILLISECONDS);
        gone.await();
    }

    @Test
    void closingTheProbeClosesItsPooledConnections() throws Exception {
        java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);
        String base = serve((s, in, out) -> {
            while (requests.read(in) != null) {
                write(out, ok("Content-Length: 2\r\n", "{}"));
            }
            closed.countDown();
        });
        response(get(base + "/health"));

        probe.close();

        assertThat(closed.await(5, TimeUnit.SECONDS))
                .as("the server saw the pooled connection close")
                .isTrue();
        assertThat(List.copyOf(requests)).hasSize(1);
    }
}
