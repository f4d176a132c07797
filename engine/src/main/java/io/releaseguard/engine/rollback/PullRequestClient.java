package io.releaseguard.engine.rollback;

import com.fasterxml.jackson.databind.JsonNode;
import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.JsonReports;
import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.config.GitSpec;
import io.releaseguard.engine.forge.ForgeApi;
import io.releaseguard.engine.health.HealthProbe;
import io.releaseguard.engine.health.HttpHealthProbe;
import io.releaseguard.engine.health.ProbeRequest;
import io.releaseguard.engine.health.ProbeResult;
import io.releaseguard.engine.secret.Redactor;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Opens a pull request on GitHub ({@code POST /repos/{owner}/{repo}/pulls}, {@code Authorization: Bearer},
 * {@code Accept: application/vnd.github+json}) or Gitea ({@code POST /api/v1/repos/{owner}/{repo}/pulls},
 * {@code Authorization: token}). The request is built as a plain value first so a dry run can print it with the token
 * masked; the token itself only ever lives in the header of the real call, sent through the engine's one HTTP client
 * (a {@code 30s} deadline for the whole exchange, at most {@value #MAX_ANSWER_BYTES} bytes of answer read).
 */
public final class PullRequestClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final long MAX_ANSWER_BYTES = 1024 * 1024;
    private static final int EXCERPT = 300;

    private final Optional<HealthProbe> http;

    /** A client that opens its own connection for each pull request (one is opened per rollback at most). */
    public PullRequestClient() {
        this.http = Optional.empty();
    }

    /** A client that sends through {@code http}. */
    public PullRequestClient(HealthProbe http) {
        this.http = Optional.of(http);
    }

    /** A pull request as it will be sent; {@code headers} never hold the token (see {@link #open}). */
    public record Request(
            String method,
            String url,
            Map<String, String> headers,
            String title,
            String head,
            String base,
            String body) {
        public Request {
            headers = Map.copyOf(headers);
        }

        /** The JSON body both forges accept: title, head, base, body. */
        public String json() {
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("title", title);
            fields.put("head", head);
            fields.put("base", base);
            fields.put("body", body);
            return JsonReports.write(fields);
        }
    }

    /** What the forge answered: the number and the page of the new pull request. */
    public record Created(long number, String url) {}

    /** Builds the request for {@code prs}; pure, so dry runs and tests see exactly what would be sent. */
    public static Request request(GitSpec.PullRequests prs, String title, String head, String base, String body)
            throws ReleaseGuardException {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.putAll(ForgeApi.headers(prs.provider()));
        String url = ForgeApi.repositoryUrl(prs) + "/pulls";
        return new Request("POST", url, headers, title, head, base, body);
    }

    /** Sends {@code request} with {@code token}; anything but 201 Created is an error quoting the forge's answer. */
    public Created open(Request request, String token) throws ReleaseGuardException {
        if (token == null || token.isBlank()) {
            throw new ReleaseGuardException(
                    ExitCode.INVALID,
                    "no API token: set the environment variable named by"
                            + " git.pullRequests.tokenEnv (in Jenkins: withCredentials)");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        request.headers().forEach((k, v) -> headers.put(k, ForgeApi.withToken(k, v, token)));
        ProbeRequest post = new ProbeRequest(
                URI.create(request.url()),
                "POST",
                headers,
                Optional.of(request.json().getBytes(StandardCharsets.UTF_8)),
                TIMEOUT,
                MAX_ANSWER_BYTES);
        ProbeResult r;
        if (http.isPresent()) {
            r = http.get().probe(post);
        } else {
            try (HttpHealthProbe own = new HttpHealthProbe()) {
                r = own.probe(post);
            }
        }
        if (r instanceof ProbeResult.Failure f) {
            throw new ReleaseGuardException(
                    ExitCode.ROLLBACK_FAILED,
                    "POST " + request.url() + " failed: " + Redactor.excerpt(f.detail(), EXCERPT, Set.of(token)));
        }
        ProbeResult.Response response = (ProbeResult.Response) r;
        String answer = new String(response.body(), StandardCharsets.UTF_8).replace(token, Redactor.MASK);
        if (response.status() != 201) {
            throw new ReleaseGuardException(
                    ExitCode.ROLLBACK_FAILED,
                    "POST " + request.url() + " answered " + response.status() + " (expected 201 Created): "
                            + Redactor.excerpt(answer, EXCERPT, Set.of(token)));
        }
        try {
            JsonNode json = JsonReports.MAPPER.readTree(answer);
            return new Created(
                    json.path("number").asLong(), json.path("html_url").asText());
        } catch (IOException e) {
            throw new ReleaseGuardException(
                    ExitCode.ROLLBACK_FAILED, "POST " + request.url() + ": the answer is not JSON", e);
        }
    }
}
