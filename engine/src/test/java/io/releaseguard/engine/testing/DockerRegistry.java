package io.releaseguard.engine.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real Docker distribution registry (Debian package {@code docker-registry}, {@code /usr/bin/docker-registry}) on a
 * loopback port, storing into a temporary folder, with no auth, htpasswd (Basic) auth, or token auth whose Bearer
 * tokens come from a {@link TokenIssuer} on another loopback port. Tiny images are pushed through the plain API v2
 * (blob uploads, then a manifest), and tags are read back with plain HTTP, so tests check the registry's own answer.
 * Outside CI a missing binary skips the test loudly; with {@code CI=true} it fails.
 */
public final class DockerRegistry implements AutoCloseable {
    public static final String BINARY = "/usr/bin/docker-registry";
    public static final String USER = "ci-release";
    public static final String PASSWORD = "pa55-Word!for-the-registry";

    /** How the registry authenticates. */
    public enum Auth {
        NONE,
        BASIC,
        TOKEN
    }

    /** The manifest media types a pushed image can have. */
    public enum Kind {
        OCI_MANIFEST("application/vnd.oci.image.manifest.v1+json"),
        OCI_INDEX("application/vnd.oci.image.index.v1+json"),
        DOCKER_V2("application/vnd.docker.distribution.manifest.v2+json"),
        DOCKER_LIST("application/vnd.docker.distribution.manifest.list.v2+json");

        public final String mediaType;

        Kind(String mediaType) {
            this.mediaType = mediaType;
        }
    }

    /** What a tag points at, as the registry serves it. */
    public record Tagged(String digest, String contentType, byte[] body) {}

    private final Process process;
    private final int port;
    private final Auth auth;
    private final Optional<TokenIssuer> issuer;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private DockerRegistry(Process process, int port, Auth auth, Optional<TokenIssuer> issuer) {
        this.process = process;
        this.port = port;
        this.auth = auth;
        this.issuer = issuer;
    }

    public static void require() {
        ExternalTools.require(BINARY, "docker-registry", "the real-registry retag tests");
    }

    /** Starts a registry storing under {@code dir}. */
    public static DockerRegistry start(Path dir, Auth auth) throws Exception {
        require();
        Files.createDirectories(dir);
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Optional<TokenIssuer> issuer = Optional.empty();
        StringBuilder config = new StringBuilder()
                .append("version: 0.1\nlog:\n  level: info\nstorage:\n  filesystem:\n    rootdirectory: ")
                .append(dir.resolve("data"))
                .append("\n  delete:\n    enabled: true\nhttp:\n  addr: 127.0.0.1:")
                .append(port)
                .append("\n  secret: release-guard-test-secret\n");
        if (auth == Auth.BASIC) {
            Path htpasswd = dir.resolve("htpasswd");
            Files.writeString(htpasswd, htpasswdLine(dir));
            config.append("auth:\n  htpasswd:\n    realm: release-guard-test\n    path: ")
                    .append(htpasswd)
                    .append('\n');
        } else if (auth == Auth.TOKEN) {
            TokenIssuer t = TokenIssuer.start(dir.resolve("token"), USER, PASSWORD);
            issuer = Optional.of(t);
            config.append("auth:\n  token:\n    realm: ")
                    .append(t.realm())
                    .append("\n    service: ")
                    .append(TokenIssuer.SERVICE)
                    .append("\n    issuer: ")
                    .append(TokenIssuer.ISSUER)
                    .append("\n    rootcertbundle: ")
                    .append(t.certificate())
                    .append('\n');
        }
        Path file = dir.resolve("config.yml");
        Files.writeString(file, config);
        Path log = dir.resolve("registry.log");
        Process p = new ProcessBuilder(BINARY, "serve", file.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        DockerRegistry registry = new DockerRegistry(p, port, auth, issuer);
        HttpReady.await(
                URI.create(registry.url() + "/v2/"),
                status -> status == 200 || status == 401,
                p,
                log,
                Duration.ofSeconds(30));
        return registry;
    }

    /** A bcrypt htpasswd line, made by {@code htpasswd -B} (apache2-utils) when present. */
    private static String htpasswdLine(Path dir) throws Exception {
        ExternalTools.require("htpasswd", "apache2-utils", "the registry Basic-auth test");
        Process p = new ProcessBuilder("htpasswd", "-Bbn", USER, PASSWORD)
                .redirectError(dir.resolve("htpasswd.log").toFile())
                .start();
        String line = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), "htpasswd failed");
        return line.strip() + "\n";
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** {@code 127.0.0.1:PORT}, how images on this registry are named. */
    public String host() {
        return "127.0.0.1:" + port;
    }

    /** The token issuer (token auth only). */
    public TokenIssuer issuer() {
        return issuer.orElseThrow();
    }

    /**
     * Pushes a tiny image ({@code seed} makes its content unique) as {@code repository:tag} and returns the digest of
     * the manifest the tag points at. The manifest is pretty-printed on purpose: a retag that re-serialised it would
     * change its digest.
     */
    public String push(String repository, String tag, Kind kind, String seed) throws Exception {
        boolean docker = kind == Kind.DOCKER_V2 || kind == Kind.DOCKER_LIST;
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Labels\":{\"seed\":\"" + seed
                        + "\"}},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}")
                .getBytes(StandardCharsets.UTF_8);
        byte[] layer = ("layer of " + seed).getBytes(StandardCharsets.UTF_8);
        String configDigest = blob(repository, config);
        String layerDigest = blob(repository, layer);
        String image = "{\n  \"schemaVersion\": 2,\n  \"mediaType\": \""
                + (docker ? Kind.DOCKER_V2.mediaType : Kind.OCI_MANIFEST.mediaType) + "\",\n  \"config\": {\n"
                + "    \"mediaType\": \""
                + (docker
                        ? "application/vnd.docker.container.image.v1+json"
                        : "application/vnd.oci.image.config.v1+json")
                + "\",\n    \"digest\": \"" + configDigest + "\",\n    \"size\": " + config.length + "\n  },\n"
                + "  \"layers\": [\n    {\n      \"mediaType\": \""
                + (docker
                        ? "application/vnd.docker.image.rootfs.diff.tar.gzip"
                        : "application/vnd.oci.image.layer.v1.tar+gzip")
                + "\",\n      \"digest\": \"" + layerDigest + "\",\n      \"size\": " + layer.length
                + "\n    }\n  ]\n}\n";
        if (kind == Kind.OCI_MANIFEST || kind == Kind.DOCKER_V2) {
            return manifest(repository, tag, kind.mediaType, image.getBytes(StandardCharsets.UTF_8));
        }
        byte[] platform = image.getBytes(StandardCharsets.UTF_8);
        String platformType = docker ? Kind.DOCKER_V2.mediaType : Kind.OCI_MANIFEST.mediaType;
        String platformDigest = manifest(repository, sha256(platform), platformType, platform);
        String index = "{\n  \"schemaVersion\": 2,\n  \"mediaType\": \"" + kind.mediaType + "\",\n  \"manifests\": [\n"
                + "    {\n      \"mediaType\": \"" + platformType + "\",\n      \"digest\": \"" + platformDigest
                + "\",\n      \"size\": " + platform.length
                + ",\n      \"platform\": { \"architecture\": \"amd64\", \"os\": \"linux\" }\n    }\n  ]\n}\n";
        return manifest(repository, tag, kind.mediaType, index.getBytes(StandardCharsets.UTF_8));
    }

    /** What {@code repository:tag} points at now, read with every manifest type accepted; empty when unknown. */
    public Optional<Tagged> tag(String repository, String tag) throws Exception {
        HttpResponse<byte[]> r = send(
                HttpRequest.newBuilder(URI.create(url() + "/v2/" + repository + "/manifests/" + tag))
                        .header(
                                "Accept",
                                String.join(
                                        ", ",
                                        List.of(Kind.values()).stream()
                                                .map(k -> k.mediaType)
                                                .toList()))
                        .GET(),
                repository);
        if (r.statusCode() == 404) {
            return Optional.empty();
        }
        assertEquals(200, r.statusCode(), () -> "GET " + repository + ":" + tag + ": " + text(r));
        return Optional.of(new Tagged(
                r.headers().firstValue("Docker-Content-Digest").orElseThrow(),
                r.headers().firstValue("Content-Type").orElseThrow(),
                r.body()));
    }

    private String blob(String repository, byte[] content) throws Exception {
        HttpResponse<byte[]> start = send(
                HttpRequest.newBuilder(URI.create(url() + "/v2/" + repository + "/blobs/uploads/"))
                        .POST(HttpRequest.BodyPublishers.noBody()),
                repository);
        assertEquals(202, start.statusCode(), () -> "start upload: " + text(start));
        String location = start.headers().firstValue("Location").orElseThrow();
        URI upload = URI.create(url()).resolve(location);
        String digest = sha256(content);
        HttpResponse<byte[]> put = send(
                HttpRequest.newBuilder(
                                URI.create(upload + (upload.getQuery() == null ? "?" : "&") + "digest=" + digest))
                        .header("Content-Type", "application/octet-stream")
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(content)),
                repository);
        assertEquals(201, put.statusCode(), () -> "finish upload: " + text(put));
        return digest;
    }

    private String manifest(String repository, String reference, String mediaType, byte[] body) throws Exception {
        HttpResponse<byte[]> r = send(
                HttpRequest.newBuilder(URI.create(url() + "/v2/" + repository + "/manifests/" + reference))
                        .header("Content-Type", mediaType)
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(body)),
                repository);
        assertEquals(201, r.statusCode(), () -> "PUT manifest " + repository + ":" + reference + ": " + text(r));
        String digest = sha256(body);
        assertEquals(digest, r.headers().firstValue("Docker-Content-Digest").orElseThrow());
        return digest;
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder b, String repository) throws Exception {
        switch (auth) {
            case BASIC -> b.header("Authorization", TokenIssuer.basic(USER, PASSWORD));
            case TOKEN -> b.header(
                    "Authorization", "Bearer " + issuer().mint(USER, repository, List.of("pull", "push")));
            case NONE -> {}
        }
        return http.send(b.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    public static String sha256(byte[] bytes) throws Exception {
        return "sha256:"
                + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static String text(HttpResponse<byte[]> r) {
        return r.statusCode() + " " + new String(r.body(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        if (issuer.isPresent()) {
            issuer.get().close();
        }
    }
}
