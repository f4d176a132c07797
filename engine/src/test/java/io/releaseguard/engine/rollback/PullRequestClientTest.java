package io.releaseguard.engine.rollback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.releaseguard.engine.JsonReports;
import io.releaseguard.engine.config.GitSpec;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The pull-request calls against a loopback server that checks the request shape the forges document: GitHub
 * ("Create a pull request": POST /repos/{owner}/{repo}/pulls, Bearer token, application/vnd.github+json, 201) and
 * Gitea (POST /api/v1/repos/{owner}/{repo}/pulls with CreatePullRequestOption, "token" authorization, 201).
 */
class PullRequestClientTest {
    private HttpServer server;
    private final List<Seen> seen = new ArrayList<>();
    private String base;

    record Seen(String method, String path, Map<String, String> headers, JsonNode body) {}

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, String.join(",", v)));
            JsonNode body =
                    JsonReports.MAPPER.readTree(exchange.getRequestBody().readAllBytes());
            synchronized (seen) {
                seen.add(new Seen(
                        exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers, body));
            }
            boolean wellFormed = exchange.getRequestMethod().equals("POST")
                    && body.path("title").isTextual()
                    && body.path("head").isTextual()
                    && body.path("base").isTextual();
            byte[] answer = (wellFormed
                            ? "{\"number\": 42, \"html_url\": \"https://forge.example.org/acme/ledger/pull/42\"}"
                            : "{\"message\": \"Validation Failed\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(wellFormed ? 201 : 422, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void githubGetsBearerTokenAndItsMediaType() throws Exception {
        var prs = new GitSpec.PullRequests(GitSpec.Provider.GITHUB, base, "acme/ledger", "GH_TOKEN");
        var request = PullRequestClient.request(prs, "Revert api", "rollback/mainnet/api-1", "production", "body");
        assertThat(request.headers()).containsEntry("Authorization", "Bearer ****");

        var created = new PullRequestClient().open(request, "ghp_secret");

        assertThat(created)
                .isEqualTo(new PullRequestClient.Created(42, "https://forge.example.org/acme/ledger/pull/42"));
        Seen s = seen.get(0);
        assertThat(s.method()).isEqualTo("POST");
        assertThat(s.path()).isEqualTo("/repos/acme/ledger/pulls");
        assertThat(s.headers())
                .containsEntry("Authorization", "Bearer ghp_secret")
                .containsEntry("Accept", "application/vnd.github+json")
                .containsEntry("X-GitHub-Api-Version", "2022-11-28")
                .containsEntry("Content-Type", "application/json");
        assertThat(s.body().toString())
                .isEqualTo("{\"title\":\"Revert api\",\"head\":\"rollback/mainnet/api-1\",\"base\":\"production\","
                        + "\"body\":\"body\"}");
    }

    @Test
    void giteaGetsTokenAuthorizationUnderApiV1() throws Exception {
        var prs = new GitSpec.PullRequests(GitSpec.Provider.GITEA, base, "acme/ledger", "GITEA_TOKEN");
        var request = PullRequestClient.request(prs, "Revert api", "rollback/mainnet/api-1", "production", "b");
        assertThat(request.url()).isEqualTo(base + "/api/v1/repos/acme/ledger/pulls");

        new PullRequestClient().open(request, "gitea-secret");

        Seen s = seen.get(0);
        assertThat(s.path()).isEqualTo("/api/v1/repos/acme/ledger/pulls");
        assertThat(s.headers()).containsEntry("Authorization", "token gitea-secret");
        assertThat(s.body().path("base").asText()).isEqualTo("production");
        assertThat(s.body().path("head").asText()).isEqualTo("rollback/mainnet/api-1");
    }

    @Test
    void aRefusalQuotesTheForgeWithoutTheTokenAndAMissingTokenSendsNothing() throws Exception {
        var prs = new GitSpec.PullRequests(GitSpec.Provider.GITHUB, base, "acme/ledger", "GH_TOKEN");
        // No head: the loopback forge answers 422 as GitHub and Gitea do for an invalid CreatePullRequest.
        var bad = new PullRequestClient.Request(
                "POST", base + "/repos/acme/ledger/pulls", Map.of("Authorization", "Bearer ****"), "t", null, "p", "b");
        assertThatThrownBy(() -> new PullRequestClient().open(bad, "ghp_secret"))
                .hasMessageContaining("answered 422 (expected 201 Created)")
                .hasMessageNotContaining("ghp_secret");
        assertThatThrownBy(() -> new PullRequestClient().open(PullRequestClient.request(prs, "t", "h", "p", "b"), ""))
                .hasMessageContaining("no API token");
        assertThat(seen).hasSize(1);
    }
}
