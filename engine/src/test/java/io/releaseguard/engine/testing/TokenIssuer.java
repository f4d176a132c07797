package io.releaseguard.engine.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The token service of a token-auth registry on a loopback port, as Docker Hub, GHCR and Harbor run one: {@code GET
 * /token?service=...&scope=repository:NAME:pull,push} with the right Basic credentials answers {@code {"token":
 * JWT}} granting the scopes asked for; without them, 401. Tokens are RS256 JWTs carrying the signing certificate in
 * {@code x5c}, which the registry trusts through its {@code rootcertbundle}; the key pair is made with {@code keytool},
 * which every JDK has.
 */
public final class TokenIssuer implements AutoCloseable {
    public static final String SERVICE = "release-guard-test-registry";
    public static final String ISSUER = "release-guard-test-issuer";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final char[] STORE_PASSWORD = "changeit".toCharArray();

    private final HttpServer server;
    private final PrivateKey key;
    private final X509Certificate cert;
    private final Path certificate;
    private final String user;
    private final String password;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final List<String> scopes = new CopyOnWriteArrayList<>();

    private TokenIssuer(
            HttpServer server, PrivateKey key, X509Certificate cert, Path certificate, String user, String password) {
        this.server = server;
        this.key = key;
        this.cert = cert;
        this.certificate = certificate;
        this.user = user;
        this.password = password;
    }

    static TokenIssuer start(Path dir, String user, String password) throws Exception {
        Files.createDirectories(dir);
        Path store = dir.resolve("token.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(
                        keytool.toString(),
                        "-genkeypair",
                        "-alias",
                        "token",
                        "-keyalg",
                        "RSA",
                        "-keysize",
                        "2048",
                        "-sigalg",
                        "SHA256withRSA",
                        "-dname",
                        "CN=release-guard test token issuer",
                        "-validity",
                        "2",
                        "-storetype",
                        "PKCS12",
                        "-keystore",
                        store.toString(),
                        "-storepass",
                        "changeit")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("keytool.log").toFile())
                .start();
        assertEquals(0, p.waitFor(), () -> "keytool failed: " + read(dir.resolve("keytool.log")));
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, STORE_PASSWORD);
        }
        X509Certificate cert = (X509Certificate) ks.getCertificate("token");
        Path pem = dir.resolve("token.pem");
        Files.writeString(
                pem,
                "-----BEGIN CERTIFICATE-----\n"
                        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(cert.getEncoded())
                        + "\n-----END CERTIFICATE-----\n");
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        TokenIssuer issuer =
                new TokenIssuer(server, (PrivateKey) ks.getKey("token", STORE_PASSWORD), cert, pem, user, password);
        server.createContext("/token", issuer::handle);
        server.start();
        return issuer;
    }

    public String realm() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/token";
    }

    /** The CA bundle the registry trusts tokens by. */
    public Path certificate() {
        return certificate;
    }

    /** The Authorization header of every token request ("" when none was sent). */
    public List<String> authorizations() {
        return authorizations;
    }

    /** The scope of every token request. */
    public List<String> scopes() {
        return scopes;
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** A token for {@code subject} allowing {@code actions} on {@code repository}. */
    public String mint(String subject, String repository, List<String> actions) throws Exception {
        ObjectNode access = JSON.createObjectNode().put("type", "repository").put("name", repository);
        ArrayNode granted = access.putArray("actions");
        actions.forEach(granted::add);
        return mint(subject, List.of(access));
    }

    private String mint(String subject, List<ObjectNode> access) throws Exception {
        ObjectNode header = JSON.createObjectNode().put("typ", "JWT").put("alg", "RS256");
        header.putArray("x5c").add(Base64.getEncoder().encodeToString(cert.getEncoded()));
        long now = Instant.now().getEpochSecond();
        ObjectNode claims = JSON.createObjectNode()
                .put("iss", ISSUER)
                .put("sub", subject)
                .put("aud", SERVICE)
                .put("exp", now + 300)
                .put("nbf", now - 60)
                .put("iat", now - 60)
                .put("jti", UUID.randomUUID().toString());
        claims.putArray("access").addAll(access);
        String signed = b64(JSON.writeValueAsBytes(header)) + "." + b64(JSON.writeValueAsBytes(claims));
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(key);
        rsa.update(signed.getBytes(StandardCharsets.US_ASCII));
        return signed + "." + b64(rsa.sign());
    }

    private void handle(HttpExchange ex) throws IOException {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        authorizations.add(auth == null ? "" : auth);
        List<ObjectNode> access = new ArrayList<>();
        String service = "";
        String query = ex.getRequestURI().getRawQuery() == null
                ? ""
                : ex.getRequestURI().getRawQuery();
        for (String pair : query.split("&")) {
            String[] kv = pair.split("=", 2);
            String value = kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "";
            if (kv[0].equals("service")) {
                service = value;
            } else if (kv[0].equals("scope")) {
                scopes.add(value);
                String[] s = value.split(":");
                ObjectNode a = JSON.createObjectNode().put("type", s[0]).put("name", s[1]);
                ArrayNode actions = a.putArray("actions");
                List.of(s[2].split(",")).forEach(actions::add);
                access.add(a);
            }
        }
        try {
            if (!basic(user, password).equals(auth)) {
                Replies.json(ex, 401, "{\"details\":\"incorrect username or password\"}");
            } else if (!service.equals(SERVICE)) {
                Replies.json(ex, 400, "{\"details\":\"unknown service\"}");
            } else {
                Replies.json(ex, 200, "{\"token\":\"" + mint(user, access) + "\",\"expires_in\":300}");
            }
        } catch (Exception e) {
            Replies.json(ex, 500, "{\"details\":\"" + e.getClass().getSimpleName() + "\"}");
        }
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(no log)";
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
