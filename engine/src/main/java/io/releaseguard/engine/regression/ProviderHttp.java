package io.releaseguard.engine.regression;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.releaseguard.engine.health.HealthProbe;
import io.releaseguard.engine.health.ProbeRequest;
import io.releaseguard.engine.health.ProbeResult;
import io.releaseguard.engine.secret.SecretRefs;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * One JSON GET for a provider, through the shared probe: 200 with a JSON body, or an {@link IOException} whose message
 * says what was observed (secrets masked), which the provider turns into {@link Observation.Unavailable}.
 */
final class ProviderHttp {
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    static final long MAX_BODY = 16L * 1024 * 1024;

    private ProviderHttp() {}

    static JsonNode getJson(HealthProbe probe, String url, Map<String, String> headers, SecretRefs secrets)
            throws IOException {
        ProbeResult r = probe.probe(ProbeRequest.get(URI.create(url), headers, TIMEOUT, MAX_BODY));
        String shown = secrets.maskUrl(url);
        if (r instanceof ProbeResult.Failure f) {
            throw new IOException(shown + ": " + secrets.mask(f.detail()));
        }
        ProbeResult.Response resp = (ProbeResult.Response) r;
        if (resp.status() != 200) {
            throw new IOException(shown + ": status " + resp.status() + ", expected 200");
        }
        try {
            return JsonMapper.builder().build().readTree(resp.body());
        } catch (IOException e) {
            throw new IOException(shown + ": body is not JSON", e);
        }
    }

    /** Encodes a query-string value. */
    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Encodes one path segment (a space is {@code %20} there, never {@code +}). */
    static String segment(String s) {
        return enc(s).replace("+", "%20");
    }

    static String trimSlash(String base) {
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
