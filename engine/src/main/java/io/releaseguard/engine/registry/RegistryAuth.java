package io.releaseguard.engine.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.JsonReports;
import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.config.RegistrySpec;
import io.releaseguard.engine.health.HealthProbe;
import io.releaseguard.engine.health.ProbeRequest;
import io.releaseguard.engine.health.ProbeResult;
import io.releaseguard.engine.secret.SecretRefs;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers a registry's 401 the way Docker clients do. {@code Basic}: the configured credentials. {@code Bearer}: a
 * token from the challenge's realm for its {@code service} and the scope {@code repository:<name>:pull,push}, asked
 * for with the credentials as Basic auth (anonymously without them), as Docker Hub, GHCR and Harbor expect. The answer
 * is reused for the repository's later requests. Credentials are resolved from their {@code ${env:NAME}} references
 * only when a registry asks, are never sent to an http realm of an https registry, and never appear in a message.
 */
final class RegistryAuth {
    private static final long MAX_TOKEN_BYTES = 1024 * 1024;

    private final RegistrySpec spec;
    private final SecretRefs secrets;
    private final HealthProbe http;
    private final Map<String, String> answers = new ConcurrentHashMap<>();

    RegistryAuth(RegistrySpec spec, SecretRefs secrets, HealthProbe http) {
        this.spec = spec;
        this.secrets = secrets;
        this.http = http;
    }

    boolean hasCredentials() {
        return spec.username().isPresent() && spec.password().isPresent();
    }

    /** The Authorization header to send for {@code repository}, once a challenge was answered. */
    Optional<String> header(String repository) {
        return Optional.ofNullable(answers.get(repository));
    }

    /**
     * Answers the {@code WWW-Authenticate} challenges of a 401 for {@code repository}; false when there is nothing to
     * answer with (a Basic challenge without credentials, or no scheme this client speaks).
     */
    boolean answer(String repository, List<String> wwwAuthenticate) throws ReleaseGuardException {
        List<AuthChallenge> challenges = AuthChallenge.parse(wwwAuthenticate);
        for (AuthChallenge c : challenges) {
            if (c.scheme().equals("bearer") && c.param("realm").isPresent()) {
                answers.put(repository, "Bearer " + token(c, repository));
                return true;
            }
        }
        for (AuthChallenge c : challenges) {
            if (c.scheme().equals("basic") && hasCredentials()) {
                answers.put(repository, basic());
                return true;
            }
        }
        return false;
    }

    private String basic() throws ReleaseGuardException {
        String user = secrets.resolve(spec.username().orElseThrow(), "registry.username");
        String password = secrets.resolve(spec.password().orElseThrow(), "registry.password");
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private String token(AuthChallenge c, String repository) throws ReleaseGuardException {
        String realm = c.param("realm").orElseThrow();
        String shown = secrets.maskUrl(realm);
        URI uri;
        try {
            StringBuilder url = new StringBuilder(realm).append(realm.contains("?") ? '&' : '?');
            c.param("service")
                    .ifPresent(s -> url.append("service=").append(enc(s)).append('&'));
            url.append("scope=").append(enc("repository:" + repository + ":pull,push"));
            uri = URI.create(url.toString());
        } catch (IllegalArgumentException e) {
            throw fail("the registry's token realm \"" + shown + "\" is not a URL");
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme())) {
            throw fail("the registry's token realm \"" + shown + "\" is not an http(s) URL");
        }
        boolean clearText = "http".equalsIgnoreCase(uri.getScheme())
                && spec.url().toLowerCase(java.util.Locale.ROOT).startsWith("https:");
        if (hasCredentials() && clearText) {
            throw fail("the registry's token realm " + shown
                    + " is plain http; refusing to send the registry credentials in clear text");
        }
        Map<String, String> headers = hasCredentials()
                ? Map.of("Authorization", basic(), "Accept", "application/json")
                : Map.of("Accept", "application/json");
        ProbeResult r = http.probe(ProbeRequest.get(uri, headers, spec.timeout(), MAX_TOKEN_BYTES));
        if (r instanceof ProbeResult.Failure f) {
            throw fail("token service " + shown + " unreachable: " + secrets.mask(f.detail()));
        }
        ProbeResult.Response resp = (ProbeResult.Response) r;
        if (resp.status() == 401 || resp.status() == 403) {
            throw fail("token service " + shown + " refused "
                    + (hasCredentials() ? "the configured registry credentials" : "an anonymous token") + " for "
                    + repository + " (HTTP " + resp.status() + ")");
        }
        if (resp.status() != 200) {
            throw fail("token service " + shown + " answered HTTP " + resp.status() + ", expected 200");
        }
        try {
            JsonNode body = JsonReports.MAPPER.readTree(resp.body());
            JsonNode field = body.hasNonNull("token") ? body.get("token") : body.path("access_token");
            String token = field.isTextual() ? field.asText() : "";
            if (token.isEmpty()) {
                throw fail("token service " + shown + " answered without a token");
            }
            return token;
        } catch (IOException e) {
            throw fail("token service " + shown + " answered with something that is not JSON");
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static ReleaseGuardException fail(String message) {
        return new ReleaseGuardException(ExitCode.CHECK_FAILED, message);
    }
}
