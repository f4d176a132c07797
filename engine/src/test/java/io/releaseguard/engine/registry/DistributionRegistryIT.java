package io.releaseguard.engine.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.config.RegistrySpec;
import io.releaseguard.engine.health.HttpHealthProbe;
import io.releaseguard.engine.registry.ImageRegistry.Retagged;
import io.releaseguard.engine.testing.DockerRegistry;
import io.releaseguard.engine.testing.DockerRegistry.Kind;
import io.releaseguard.engine.testing.DockerRegistry.Tagged;
import io.releaseguard.engine.testing.TokenIssuer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Retagging against a real Docker distribution registry: every manifest kind keeps its exact bytes and media type
 * under the new tags (checked with plain HTTP GETs), repeating a retag is harmless, and failures name the image and
 * tag without showing a credential, with no auth, htpasswd Basic auth and the Bearer token flow.
 */
class DistributionRegistryIT {
    private static final Map<String, String> ENV = Map.of("REG_PASSWORD", DockerRegistry.PASSWORD);
    private static final List<String> TAGS = List.of("mainnet", "mainnet-20261124-150000");

    @TempDir
    static Path tmp;

    private static DockerRegistry registry;
    private static HttpHealthProbe probe;

    @BeforeAll
    static void start() throws Exception {
        DockerRegistry.require();
        registry = DockerRegistry.start(tmp.resolve("open"), DockerRegistry.Auth.NONE);
        probe = new HttpHealthProbe();
    }

    @AfterAll
    static void stop() throws Exception {
        if (probe != null) {
            probe.close();
        }
        if (registry != null) {
            registry.close();
        }
    }

    private static DistributionRegistry client(String url, boolean credentials, Map<String, String> env) {
        return new DistributionRegistry(
                new RegistrySpec(
                        url,
                        credentials ? Optional.of(DockerRegistry.USER) : Optional.empty(),
                        credentials ? Optional.of("${env:REG_PASSWORD}") : Optional.empty(),
                        Duration.ofSeconds(10)),
                env,
                probe);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void everyManifestKindIsRetaggedWithItsExactBytesAndMediaType(Kind kind) throws Exception {
        String repository = "team/" + kind.name().toLowerCase().replace('_', '-');
        String digest = registry.push(repository, "sha-abc1234", kind, kind.name());
        Tagged source = registry.tag(repository, "sha-abc1234").orElseThrow();

        Retagged r = client(registry.url(), false, Map.of()).retag(repository, "sha-abc1234", TAGS);

        assertThat(r)
                .isEqualTo(
                        new Retagged(registry.host() + "/" + repository, "sha-abc1234", digest, kind.mediaType, TAGS));
        for (String tag : TAGS) {
            Tagged now = registry.tag(repository, tag).orElseThrow();
            assertThat(now.digest()).as(tag).isEqualTo(digest);
            assertThat(now.contentType()).as(tag).isEqualTo(kind.mediaType);
            assertThat(now.body()).as(tag).isEqualTo(source.body());
        }
    }

    @Test
    void aRetagMovesTagsFromTheOldReleaseAndRepeatingItChangesNothing() throws Exception {
        String old = registry.push("team/web", "sha-1111111", Kind.OCI_MANIFEST, "old");
        String current = registry.push("team/web", "sha-2222222", Kind.OCI_MANIFEST, "new");
        DistributionRegistry client = client(registry.url(), false, Map.of());
        client.retag("team/web", "sha-1111111", List.of("mainnet"));
        assertThat(registry.tag("team/web", "mainnet").orElseThrow().digest()).isEqualTo(old);

        Retagged first = client.retag("team/web", "sha-2222222", TAGS);
        Retagged again = client.retag("team/web", "sha-2222222", TAGS);

        assertThat(again).isEqualTo(first);
        assertThat(registry.tag("team/web", "mainnet").orElseThrow().digest()).isEqualTo(current);
        assertThat(registry.tag("team/web", "sha-1111111").orElseThrow().digest())
                .as("the old release keeps its own tag")
                .isEqualTo(old);
    }

    @Test
    void aMissingSourceTagNamesTheImageAndTagAndTagsNothing() throws Exception {
        registry.push("team/db", "sha-1111111", Kind.OCI_MANIFEST, "db");
        assertThatThrownBy(() -> client(registry.url(), false, Map.of()).retag("team/db", "sha-9999999", TAGS))
                .isInstanceOf(ReleaseGuardException.class)
                .hasMessage("image " + registry.host() + "/team/db:sha-9999999 not found in the registry"
                        + " (MANIFEST_UNKNOWN: manifest unknown)");
        assertThat(registry.tag("team/db", "mainnet")).isEmpty();
    }

    @Test
    void anUnreachableRegistryIsNamed() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closed;
        assertThatThrownBy(() -> client(url, false, Map.of()).retag("team/api", "sha-abc1234", TAGS))
                .isInstanceOf(ReleaseGuardException.class)
                .hasMessage("GET 127.0.0.1:" + closed + "/team/api:sha-abc1234: registry " + url
                        + " unreachable: connection refused");
    }

    @Test
    void basicAuthUsesTheCredentialsAndNeverShowsThem(@TempDir Path dir) throws Exception {
        try (DockerRegistry basic = DockerRegistry.start(dir, DockerRegistry.Auth.BASIC)) {
            String digest = basic.push("team/api", "sha-abc1234", Kind.DOCKER_V2, "basic");

            Retagged r = client(basic.url(), true, ENV).retag("team/api", "sha-abc1234", TAGS);

            assertThat(r.digest()).isEqualTo(digest);
            assertThat(basic.tag("team/api", "mainnet-20261124-150000")
                            .orElseThrow()
                            .digest())
                    .isEqualTo(digest);
            assertThatThrownBy(() -> client(basic.url(), true, Map.of("REG_PASSWORD", "wrong-password-123"))
                            .retag("team/api", "sha-abc1234", TAGS))
                    .hasMessageStartingWith("GET " + basic.host() + "/team/api:sha-abc1234: HTTP 401")
                    .hasMessageEndingWith("; the registry refused the configured credentials for team/api")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("wrong-password-123"));
            assertThatThrownBy(() -> client(basic.url(), false, Map.of()).retag("team/api", "sha-abc1234", TAGS))
                    .hasMessageEndingWith("the registry wants credentials for team/api: set registry.username and"
                            + " registry.password");
            assertThatThrownBy(() -> client(basic.url(), true, Map.of()).retag("team/api", "sha-abc1234", TAGS))
                    .isInstanceOf(ReleaseGuardException.class)
                    .hasMessage("registry.password references ${env:REG_PASSWORD}, but REG_PASSWORD is not set in"
                            + " the environment")
                    .satisfies(e ->
                            assertThat(((ReleaseGuardException) e).exitCode()).isEqualTo(ExitCode.INVALID));
        }
    }

    @Test
    void theBearerTokenFlowAsksTheRealmWithBasicCredentialsForPullAndPush(@TempDir Path dir) throws Exception {
        try (DockerRegistry tokens = DockerRegistry.start(dir, DockerRegistry.Auth.TOKEN)) {
            String digest = tokens.push("team/api", "sha-abc1234", Kind.OCI_INDEX, "token");
            TokenIssuer issuer = tokens.issuer();

            Retagged r = client(tokens.url(), true, ENV).retag("team/api", "sha-abc1234", TAGS);

            assertThat(r.digest()).isEqualTo(digest);
            for (String tag : TAGS) {
                assertThat(tokens.tag("team/api", tag).orElseThrow().digest()).isEqualTo(digest);
            }
            assertThat(issuer.scopes()).containsOnly("repository:team/api:pull,push");
            assertThat(issuer.authorizations())
                    .as("one token for the GET, PUTs and HEADs of one repository")
                    .containsExactly(TokenIssuer.basic(DockerRegistry.USER, DockerRegistry.PASSWORD));

            assertThatThrownBy(() -> client(tokens.url(), true, Map.of("REG_PASSWORD", "wrong-password-123"))
                            .retag("team/api", "sha-abc1234", TAGS))
                    .hasMessage("token service " + issuer.realm()
                            + " refused the configured registry credentials for team/api (HTTP 401)");
        }
    }
}
