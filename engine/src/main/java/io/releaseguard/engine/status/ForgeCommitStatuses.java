package io.releaseguard.engine.status;

import com.fasterxml.jackson.databind.JsonNode;
import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.JsonReports;
import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.config.GitSpec;
import io.releaseguard.engine.forge.ForgeApi;
import io.releaseguard.engine.secret.Redactor;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@link CommitStatuses} from the combined status of a commit: GitHub {@code GET /repos/{owner}/{repo}/commits/{ref}/
 * status} (each status's {@code state}) or Gitea {@code GET /api/v1/repos/{owner}/{repo}/commits/{ref}/status} (its
 * {@code status}), addressed and authorised as {@link ForgeApi} says. The token comes from the injected environment
 * and is masked in every message.
 */
public final class ForgeCommitStatuses implements CommitStatuses {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final GitSpec.PullRequests forge;
    private final Map<String, String> environment;
    private final HttpClient http;

    public ForgeCommitStatuses(GitSpec.PullRequests forge, Map<String, String> environment, HttpClient http) {
        this.forge = forge;
        this.environment = Map.copyOf(environment);
        this.http = http;
    }

    /** The URL read for {@code ref}. */
    public String url(String ref) throws ReleaseGuardException {
        String query = forge.provider() == GitSpec.Provider.GITHUB ? "?per_page=100" : "";
        return ForgeApi.repositoryUrl(forge) + "/commits/" + URLEncoder.encode(ref, StandardCharsets.UTF_8) + "/status"
                + query;
    }

    @Override
    public List<CommitStatus> statuses(String ref) throws ReleaseGuardException {
        String url = url(ref);
        String token = ForgeApi.token(forge, environment);
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET();
        ForgeApi.headers(forge.provider()).forEach((k, v) -> b.header(k, ForgeApi.withToken(k, v, token)));
        HttpResponse<String> response;
        try {
            response = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ReleaseGuardException(
                    ExitCode.UNEXPECTED, "GET " + url + " failed: " + mask(String.valueOf(e.getMessage()), token), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReleaseGuardException(ExitCode.UNEXPECTED, "GET " + url + " interrupted", e);
        }
        String answer = mask(response.body(), token);
        if (response.statusCode() != 200) {
            throw new ReleaseGuardException(
                    ExitCode.UNEXPECTED,
                    "GET " + url + " answered " + response.statusCode() + ": "
                            + answer.substring(0, Math.min(300, answer.length())));
        }
        try {
            List<CommitStatus> out = new ArrayList<>();
            for (JsonNode s : JsonReports.MAPPER.readTree(answer).path("statuses")) {
                JsonNode state = s.has("state") ? s.path("state") : s.path("status");
                out.add(new CommitStatus(s.path("context").asText(), state.asText()));
            }
            return out;
        } catch (IOException e) {
            throw new ReleaseGuardException(ExitCode.UNEXPECTED, "GET " + url + ": the answer is not JSON", e);
        }
    }

    private static String mask(String text, String token) {
        return text.replace(token, Redactor.MASK);
    }
}
