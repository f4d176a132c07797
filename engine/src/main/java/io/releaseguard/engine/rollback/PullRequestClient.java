package io.releaseguard.engine.rollback;

import com.fasterxml.jackson.databind.JsonNode;
import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.JsonReports;
import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.config.GitSpec;
import io.releaseguard.engine.forge.ForgeApi;
import io.releaseguard.engine.secret.Redactor;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Opens a pull request on GitHub ({@code POST /repos/{owner}/{repo}/pulls}, {@code Authorization: Bearer},
 * {@code Accept: application/vnd.github+json}) or Gitea ({@code POST /api/v1/repos/{owner}/{repo}/pulls},
 * {@code Authorization: token}). The request is built as a plain value first so a dry run can print it with the token
 * masked; the token itself only ever lives in the header of the real call.
 */
public final class PullRequestClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http;

    public PullRequestClient() {
        this(HttpClient.newBuilder()
                .connectTimeout(TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build());
    }

    PullRequestClient(HttpClient http) {
        this.http = http;
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
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(request.url()))
                .timeout(TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofString(request.json()));
        request.headers().forEach((k, v) -> b.header(k, ForgeApi.withToken(k, v, token)));
        HttpResponse<String> response;
        try {
            response = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ReleaseGuardException(
                    ExitCode.ROLLBACK_FAILED, "POST " + request.url() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReleaseGuardException(ExitCode.ROLLBACK_FAILED, "POST " + request.url() + " interrupted", e);
        }
        String answer = response.body().replace(token, Redactor.MASK);
        if (response.statusCode() != 201) {
            throw new ReleaseGuardException(
                    ExitCode.ROLLBACK_FAILED,
                    "POST " + request.url() + " answered " + response.statusCode() + " (expected 201 Created): "
                            + answer.substring(0, Math.min(300, answer.length())));
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
