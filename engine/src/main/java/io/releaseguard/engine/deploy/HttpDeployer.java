package io.releaseguard.engine.deploy;

import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.config.DeploySpec;
import io.releaseguard.engine.health.HealthProbe;
import io.releaseguard.engine.health.ProbeRequest;
import io.releaseguard.engine.health.ProbeResult;
import io.releaseguard.engine.secret.SecretRefs;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Calls a control plane to deploy (e.g. {@code POST /cp/admin/tenants/redeploy-fleet} with {@code {"target_tag":
 * "{release}"}}) through the engine's one HTTP client ({@link HealthProbe}): the timeout covers the whole exchange,
 * and at most {@link #MAX_RESPONSE_BYTES} of the answer are read. Placeholders in the URL and body are filled with
 * validated names; secret references in headers are resolved from the injected environment. The idempotency key
 * goes in an {@code Idempotency-Key} header, the lock's fencing token in {@code X-Release-Guard-Fence}.
 */
public final class HttpDeployer implements Deployer {
    /** The most of a deploy response read, as for a health body: an answer is a status and a short message. */
    public static final long MAX_RESPONSE_BYTES = 1024 * 1024;

    private static final int EXCERPT = 500;

    private final DeploySpec.Http spec;
    private final Map<String, String> environment;
    private final HealthProbe http;
    private final Duration timeout;

    public HttpDeployer(DeploySpec.Http spec, Map<String, String> environment, HealthProbe http, Duration timeout) {
        this.spec = spec;
        this.environment = Map.copyOf(environment);
        this.http = http;
        this.timeout = timeout;
    }

    /**
     * The configured headers with their secrets resolved, as every deploy sends them; {@code service} names the
     * setting in errors.
     */
    public Map<String, String> headers(String service, SecretRefs secrets) throws ReleaseGuardException {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Map.Entry<String, String> h : spec.headers().entrySet()) {
            headers.put(
                    h.getKey(), secrets.resolve(h.getValue(), "deploy.http.headers." + h.getKey() + " of " + service));
        }
        return headers;
    }

    @Override
    public DeployOutcome deploy(DeployRequest r) throws ReleaseGuardException {
        SecretRefs secrets = new SecretRefs(environment);
        String url = secrets.resolve(r.fill(spec.url(), v -> v), "deploy.http.url of " + r.service());
        String shown = secrets.maskUrl(url);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Idempotency-Key", r.key().id());
        headers.put("Content-Type", "application/json; charset=utf-8");
        if (r.fence() > 0) {
            headers.put(DeployRequest.FENCE_HEADER, Long.toString(r.fence()));
        }
        headers.putAll(headers(r.service(), secrets));
        // Values go into the parsed JSON strings and a JSON encoder writes the body: never text substitution.
        String body =
                spec.body().map(t -> JsonBodyTemplate.fill(t, r.placeholders())).orElse("");
        ProbeResult result = http.probe(new ProbeRequest(
                URI.create(url),
                spec.method(),
                headers,
                body.isEmpty() ? Optional.empty() : Optional.of(body.getBytes(StandardCharsets.UTF_8)),
                timeout,
                MAX_RESPONSE_BYTES));
        if (result instanceof ProbeResult.Failure f) {
            return new DeployOutcome(
                    false, spec.method() + " " + shown + " failed: " + secrets.excerpt(f.detail(), EXCERPT));
        }
        ProbeResult.Response response = (ProbeResult.Response) result;
        String text = secrets.excerpt(new String(response.body(), StandardCharsets.UTF_8), EXCERPT);
        return new DeployOutcome(
                response.status() / 100 == 2,
                spec.method() + " " + shown + " -> HTTP " + response.status() + (text.isEmpty() ? "" : ": " + text));
    }
}
