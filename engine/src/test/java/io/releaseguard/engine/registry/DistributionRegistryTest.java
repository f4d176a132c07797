package io.releaseguard.engine.registry;

import static io.releaseguard.engine.testing.Replies.reply;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.config.RegistrySpec;
import io.releaseguard.engine.health.HttpHealthProbe;
import io.releaseguard.engine.secret.SecretRefs;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a real registry rarely does on demand, from a loopback server that misbehaves on purpose: refusing access,
 * never answering, serving a manifest whose digest does not match, an old manifest format, a plain-http token realm.
 */
class DistributionRegistryTest {
    private static final String OCI = "application/vnd.oci.image.manifest.v1+json";
    private static final byte[] MANIFEST = "{\"schemaVersion\":2}".getBytes(StandardCharsets.UTF_8);

    private HttpServer server;
    private HttpHealthProbe probe;
    private final List<String> seen = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.start();
        probe = new HttpHealthProbe();
    }

    @AfterEach
    void tearDown() {
        probe.close();
        server.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void serve(HttpHandler handler) {
        server.createContext("/", ex -> {
            seen.add(ex.getRequestMethod() + " " + ex.getRequestURI().getPath());
            handler.handle(ex);
        });
    }

    private DistributionRegistry client(String url, Duration timeout) {
        return new DistributionRegistry(
                new RegistrySpec(url, Optional.of("ci"), Optional.of("${env:REG_PASSWORD}"), timeout),
                Map.of("REG_PASSWORD", "s3cret-value"),
                probe);
    }

    @Test
    void aRefusedPushNamesTheTagAndTheRepositoryButNoCredential() {
        serve(ex -> {
            if (ex.getRequestMethod().equals("GET")) {
                reply(ex, 200, Map.of("Content-Type", OCI), MANIFEST);
            } else {
                reply(
                        ex,
                        403,
                        Map.of("Content-Type", "application/json"),
                        ("{\"errors\":[{\"code\":\"DENIED\","
                                        + "\"message\":\"requested access to the resource is denied\"}]}")
                                .getBytes(StandardCharsets.UTF_8));
            }
        });
        assertThatThrownBy(
                        () -> client(url(), Duration.ofSeconds(5)).retag("team/api", "sha-abc1234", List.of("mainnet")))
                .isInstanceOf(ReleaseGuardException.class)
                .hasMessage("PUT 127.0.0.1:" + server.getAddress().getPort() + "/team/api:mainnet: HTTP 403 (DENIED:"
                        + " requested access to the resource is denied); the configured account may not pull and push"
                        + " team/api")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret-value"));
    }

    @Test
    void aRegistryThatNeverAnswersIsGivenUpOnAtTheDeadline() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try (Socket s = silent.accept()) {
                    s.getInputStream().read(new byte[1]);
                    s.getInputStream().readAllBytes();
                } catch (IOException e) {
                    // the client hung up
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            String url = "http://127.0.0.1:" + silent.getLocalPort();
            long start = System.nanoTime();
            assertThatThrownBy(() -> client(url, Duration.ofMillis(300)).retag("team/api", "sha-abc1234", List.of("x")))
                    .hasMessage("GET 127.0.0.1:" + silent.getLocalPort() + "/team/api:sha-abc1234: registry " + url
                            + " did not answer in time: no complete response within 300ms");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void aManifestWhoseBytesDoNotMatchTheDeclaredDigestIsNotCopied() {
        serve(ex -> reply(
                ex, 200, Map.of("Content-Type", OCI, "Docker-Content-Digest", "sha256:" + "0".repeat(64)), MANIFEST));
        assertThatThrownBy(() -> client(url(), Duration.ofSeconds(5)).retag("team/api", "sha-abc1234", List.of("x")))
                .hasMessageContaining("the manifest's bytes hash to " + DistributionRegistry.sha256(MANIFEST)
                        + " but the registry declares sha256:0000");
        assertThat(seen).containsExactly("GET /v2/team/api/manifests/sha-abc1234");
    }

    @Test
    void aSchema1ManifestIsRefusedBecauseItsSignatureCoversItsTag() {
        serve(ex -> reply(
                ex,
                200,
                Map.of("Content-Type", "application/vnd.docker.distribution.manifest.v1+prettyjws"),
                MANIFEST));
        assertThatThrownBy(() -> client(url(), Duration.ofSeconds(5)).retag("team/api", "sha-abc1234", List.of("x")))
                .hasMessageContaining("the registry answered a manifest of type"
                        + " \"application/vnd.docker.distribution.manifest.v1+prettyjws\", which cannot be retagged");
    }

    @Test
    void aTagThatDoesNotPointAtTheSourceAfterThePutFailsVerification() {
        String other = "sha256:" + "1".repeat(64);
        serve(ex -> {
            switch (ex.getRequestMethod()) {
                case "GET" -> reply(ex, 200, Map.of("Content-Type", OCI), MANIFEST);
                case "PUT" -> reply(ex, 201, Map.of(), new byte[0]);
                default -> reply(ex, 200, Map.of("Docker-Content-Digest", other), new byte[0]);
            }
        });
        assertThatThrownBy(
                        () -> client(url(), Duration.ofSeconds(5)).retag("team/api", "sha-abc1234", List.of("mainnet")))
                .hasMessage("127.0.0.1:" + server.getAddress().getPort() + "/team/api:mainnet points to " + other
                        + " after the retag, expected " + DistributionRegistry.sha256(MANIFEST)
                        + " (the manifest of :mainnet was not replaced)");
    }

    @Test
    void credentialsAreNotSentToAPlainHttpTokenRealmOfAnHttpsRegistry() {
        RegistryAuth auth = new RegistryAuth(
                new RegistrySpec(
                        "https://registry.example.org",
                        Optional.of("ci"),
                        Optional.of("${env:REG_PASSWORD}"),
                        Duration.ofSeconds(5)),
                new SecretRefs(Map.of("REG_PASSWORD", "s3cret-value")),
                request -> {
                    throw new AssertionError("no request may be sent: " + request.url());
                });
        assertThatThrownBy(() -> auth.answer("team/api", List.of("Bearer realm=\"http://auth.example.org/token\"")))
                .hasMessage("the registry's token realm http://auth.example.org/token is plain http; refusing to send"
                        + " the registry credentials in clear text");
    }
}
