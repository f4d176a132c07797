package io.releaseguard.engine.deploy;

import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.config.DeploySpec;
import io.releaseguard.engine.secret.Redactor;
import io.releaseguard.engine.secret.SecretRefs;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * Calls a control plane to deploy (e.g. {@code POST /cp/admin/tenants/redeploy-fleet} with {@code {"target_tag":
 * "{release}"}}). Placeholders in the URL and body are filled with validated names; secret references in headers
 * are resolved from the injected environment. The idempotency key goes in an {@code Idempotency-Key} header, the lock's fencing token in
 * {@code X-Release-Guard-Fence}.
 */
public final class HttpDeployer implements Deployer {
    private final DeploySpec.Http spec;
    private final Map<String, String> environment;
    private final HttpClient http;
    private final Duration timeout;

    public HttpDeployer(DeploySpec.Http spec, Map<String, String> environment, HttpClient http, Duration timeout) {
        this.spec = spec;
        this.environment = Map.copyOf(environment);
        this.http = http;
        this.timeout = timeout;
    }

    @Override
    public DeployOutcome deploy(DeployRequest r) throws ReleaseGuardException {
        SecretRefs secrets = new SecretRefs(environment);
        String url = secrets.resolve(r.fill(spec.url(), v -> v), "deploy.http.url of " + r.service());
        String shown = secrets.maskUrl(url);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                .timeout(timeout)
                .header("Idempotency-Key", r.key().id())
                .header("Content-Type", "application/json; charset=utf-8");
        if (r.fence() > 0) {
            b.header(DeployRequest.FENCE_HEADER, Long.toString(r.fence()));
        }
        for (Map.Entry<String, String> h : spec.headers().entrySet()) {
            b.header(
                    h.getKey(),
                    secrets.resolve(h.getValue(), "deploy.http.headers." + h.getKey() + " of " + r.service()));
        }
        // Values go into the parsed JSON strings and a JSON encoder writes the body: never text substitution.
        String body =
                spec.body().map(t -> JsonBodyTemplate.fill(t, r.placeholders())).orElse("");
        b.method(
                spec.method(),
                body.isEmpty()
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        try {
            HttpResponse<String> response = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            String text = response.body() == null
                    ? ""
                    : secrets.mask(Redactor.text(response.body().strip()));
            if (text.length() > 500) {
                text = text.substring(0, 500) + "...";
            }
            return new DeployOutcome(
                    response.statusCode() / 100 == 2,
                    spec.method() + " " + shown + " -> HTTP " + response.statusCode()
                            + (text.isEmpty() ? "" : ": " + text));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReleaseGuardException(ExitCode.UNEXPECTED, "interrupted while deploying " + r.service(), e);
        } catch (java.io.IOException e) {
            return new DeployOutcome(
                    false,
                    spec.method() + " " + shown + " failed: " + e.getClass().getSimpleName());
        }
    }
}
