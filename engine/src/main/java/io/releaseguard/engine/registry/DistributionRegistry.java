package io.releaseguard.engine.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.JsonReports;
import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.config.RegistrySpec;
import io.releaseguard.engine.health.HealthProbe;
import io.releaseguard.engine.health.ProbeRequest;
import io.releaseguard.engine.health.ProbeResult;
import io.releaseguard.engine.secret.Redactor;
import io.releaseguard.engine.secret.SecretRefs;
import java.io.IOException;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@link ImageRegistry} over the Registry HTTP API v2 (the OCI distribution API), through the shared {@link
 * HealthProbe}: a deadline on every request and capped bodies. A retag GETs the source manifest accepting the OCI
 * index and manifest and the Docker manifest list and v2 manifest, keeps its exact bytes and Content-Type, PUTs them
 * under each new tag and then checks with HEAD that each tag's {@code Docker-Content-Digest} is the source digest.
 * Putting the same bytes again changes nothing, so a retag can always be repeated. Authentication: none, Basic, or
 * the Bearer token flow, as the registry's 401 asks ({@link RegistryAuth}).
 */
public final class DistributionRegistry implements ImageRegistry {
    /** Registries refuse larger manifests; a larger answer is not a manifest. */
    public static final long MAX_MANIFEST_BYTES = 4L * 1024 * 1024;
    /** The manifest media types a retag accepts, image indexes first. */
    public static final List<String> MANIFEST_TYPES = List.of(
            "application/vnd.oci.image.index.v1+json",
            "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.docker.distribution.manifest.list.v2+json",
            "application/vnd.docker.distribution.manifest.v2+json");

    private static final String ACCEPT = String.join(", ", MANIFEST_TYPES);
    private static final String DIGEST_HEADER = "Docker-Content-Digest";

    private final RegistrySpec spec;
    private final String base;
    private final HealthProbe http;
    private final SecretRefs secrets;
    private final RegistryAuth auth;

    public DistributionRegistry(RegistrySpec spec, Map<String, String> environment, HealthProbe http) {
        this.spec = spec;
        this.base = spec.url().replaceAll("/+$", "");
        this.http = http;
        this.secrets = new SecretRefs(environment);
        this.auth = new RegistryAuth(spec, secrets, http);
    }

    @Override
    public String image(String repository) {
        return OciNames.image(base, repository);
    }

    @Override
    public Retagged retag(String repository, String sourceTag, List<String> tags) throws ReleaseGuardException {
        if (!OciNames.isRepository(repository)) {
            throw new ReleaseGuardException(
                    ExitCode.INVALID,
                    "\"" + repository + "\" is not a repository name (" + OciNames.REPOSITORY_RULE + ")");
        }
        for (String tag : concat(sourceTag, tags)) {
            if (!OciNames.isTag(tag)) {
                throw new ReleaseGuardException(
                        ExitCode.INVALID, "\"" + tag + "\" is not a valid image tag (" + OciNames.TAG_RULE + ")");
            }
        }
        Manifest source = read(repository, sourceTag);
        for (String tag : tags) {
            write(repository, tag, source);
            verify(repository, tag, source);
        }
        return new Retagged(image(repository), sourceTag, source.digest(), source.mediaType(), tags);
    }

    /** A manifest as the registry served it: exact bytes, Content-Type, digest. */
    private record Manifest(byte[] bytes, String contentType, String mediaType, String digest) {}

    private Manifest read(String repository, String tag) throws ReleaseGuardException {
        String op = "GET " + image(repository) + ":" + tag;
        ProbeResult.Response r = send("GET", repository, tag, Map.of("Accept", ACCEPT), Optional.empty(), op);
        if (r.status() == 404) {
            throw fail("image " + image(repository) + ":" + tag + " not found in the registry" + registryError(r));
        }
        expect(r, 200, repository, op);
        String contentType = r.contentType().orElse("");
        String mediaType = mediaType(contentType);
        if (!MANIFEST_TYPES.contains(mediaType)) {
            throw fail(op + ": the registry answered a manifest of type \"" + contentType
                    + "\", which cannot be retagged (accepted: " + ACCEPT + ")");
        }
        String computed = sha256(r.body());
        Optional<String> declared = r.headers().firstValue(DIGEST_HEADER);
        if (declared.isPresent()
                && declared.get().startsWith("sha256:")
                && !declared.get().equals(computed)) {
            throw fail(
                    op + ": the manifest's bytes hash to " + computed + " but the registry declares " + declared.get());
        }
        return new Manifest(r.body(), contentType, mediaType, declared.orElse(computed));
    }

    private void write(String repository, String tag, Manifest m) throws ReleaseGuardException {
        String op = "PUT " + image(repository) + ":" + tag;
        ProbeResult.Response r =
                send("PUT", repository, tag, Map.of("Content-Type", m.contentType()), Optional.of(m.bytes()), op);
        expect(r, 201, repository, op);
    }

    private void verify(String repository, String tag, Manifest m) throws ReleaseGuardException {
        String op = "HEAD " + image(repository) + ":" + tag;
        ProbeResult.Response r = send("HEAD", repository, tag, Map.of("Accept", ACCEPT), Optional.empty(), op);
        expect(r, 200, repository, op);
        Optional<String> digest = r.headers().firstValue(DIGEST_HEADER);
        if (digest.isEmpty()) {
            op = "GET " + image(repository) + ":" + tag;
            r = send("GET", repository, tag, Map.of("Accept", ACCEPT), Optional.empty(), op);
            expect(r, 200, repository, op);
            digest = Optional.of(sha256(r.body()));
        }
        if (!digest.get().equals(m.digest())) {
            throw fail(image(repository) + ":" + tag + " points to " + digest.get() + " after the retag, expected "
                    + m.digest() + " (the manifest of :" + tag + " was not replaced)");
        }
    }

    /** One request with the repository's Authorization; a 401 is answered once and the request repeated. */
    private ProbeResult.Response send(
            String method,
            String repository,
            String reference,
            Map<String, String> headers,
            Optional<byte[]> body,
            String op)
            throws ReleaseGuardException {
        URI url = URI.create(base + "/v2/" + repository + "/manifests/" + reference);
        for (int attempt = 0; ; attempt++) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            auth.header(repository).ifPresent(a -> h.put("Authorization", a));
            ProbeResult r = http.probe(new ProbeRequest(url, method, h, body, spec.timeout(), MAX_MANIFEST_BYTES));
            if (r instanceof ProbeResult.Failure f) {
                throw fail(op + ": registry " + Redactor.url(base)
                        + (f.kind() == ProbeResult.FailureKind.TIMEOUT ? " did not answer in time: " : " unreachable: ")
                        + secrets.mask(f.detail()));
            }
            ProbeResult.Response resp = (ProbeResult.Response) r;
            if (resp.status() != 401
                    || attempt > 0
                    || !auth.answer(repository, resp.headers().allValues("WWW-Authenticate"))) {
                return resp;
            }
        }
    }

    private void expect(ProbeResult.Response r, int status, String repository, String op) throws ReleaseGuardException {
        if (r.status() == status || r.status() / 100 == 2 && status / 100 == 2) {
            return;
        }
        if (r.status() == 401) {
            throw fail(op + ": HTTP 401" + registryError(r)
                    + (auth.hasCredentials()
                            ? "; the registry refused the configured credentials for " + repository
                            : "; the registry wants credentials for " + repository
                                    + ": set registry.username and registry.password"));
        }
        if (r.status() == 403) {
            throw fail(op + ": HTTP 403" + registryError(r) + "; the "
                    + (auth.hasCredentials() ? "configured account" : "anonymous user")
                    + " may not pull and push " + repository);
        }
        throw fail(op + ": HTTP " + r.status() + registryError(r) + ", expected " + status);
    }

    /** The first error of a registry's JSON error body, {@code " (CODE: message)"}, or nothing. */
    private String registryError(ProbeResult.Response r) {
        try {
            JsonNode first =
                    JsonReports.MAPPER.readTree(r.body()).path("errors").path(0);
            if (!first.hasNonNull("code")) {
                return "";
            }
            String text =
                    first.path("code").asText() + ": " + first.path("message").asText("");
            return " (" + secrets.excerpt(text, 200) + ")";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static String mediaType(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
                .strip()
                .toLowerCase(Locale.ROOT);
    }

    static String sha256(byte[] bytes) {
        try {
            return "sha256:"
                    + HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> all = new java.util.ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }

    private static ReleaseGuardException fail(String message) {
        return new ReleaseGuardException(ExitCode.CHECK_FAILED, message);
    }
}
