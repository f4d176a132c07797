package io.releaseguard.engine.rollback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releaseguard.engine.config.GitSpec;
import io.releaseguard.engine.testing.LoopbackForge;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The pull-request calls against a loopback server that checks the request shape the forges document: GitHub
 * ("Create a pull request": POST /repos/{owner}/{repo}/pulls, Bearer token, application/vnd.github+json, 201) and
 * Gitea (POST /api/v1/repos/{owner}/{repo}/pulls with CreatePullRequestOption, "token" authorization, 201).
 */
class PullRequestClientTest {
    private LoopbackForge forge;
    private String base;

    @BeforeEach
    void start() throws Exception {
        forge = new LoopbackForge();
        base = forge.url();
    }

    @AfterEach
    void stop() {
        forge.close();
    }

    @Test
    void githubGetsBearerTokenAndItsMediaType() throws Exception {
        var prs = new GitSpec.PullRequests(GitSpec.Provider.GITHUB, base, "acme/ledger", "GH_TOKEN");
        var request = PullRequestClient.request(prs, "Revert api", "rollback/mainnet/api-1", "production", "body");
        assertThat(request.headers()).containsEntry("Authorization", "Bearer ****");

        var created = new PullRequestClient().open(request, "ghp_secret");

        assertThat(created)
                .isEqualTo(new PullRequestClient.Created(42, "https://forge.example.org/acme/ledger/pull/42"));
        LoopbackForge.Seen s = forge.seen().get(0);
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

        LoopbackForge.Seen s = forge.seen().get(0);
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
        assertThat(forge.seen()).hasSize(1);
    }
}
