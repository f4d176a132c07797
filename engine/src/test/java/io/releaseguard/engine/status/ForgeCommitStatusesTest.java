package io.releaseguard.engine.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releaseguard.engine.config.GitSpec;
import io.releaseguard.engine.testing.LoopbackForge;
import java.net.http.HttpClient;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The combined-status reads against a loopback forge checking the documented request shape: GitHub ("Get the
 * combined status for a specific reference": GET /repos/{owner}/{repo}/commits/{ref}/status, Bearer token,
 * application/vnd.github+json, statuses[].state) and Gitea (GET /api/v1/repos/{owner}/{repo}/commits/{ref}/status,
 * "token" authorization, statuses[].status).
 */
class ForgeCommitStatusesTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private LoopbackForge forge;

    @BeforeEach
    void start() throws Exception {
        forge = new LoopbackForge();
    }

    @AfterEach
    void stop() {
        forge.close();
    }

    @Test
    void githubReadsTheCombinedStatusWithBearerTokenAndItsMediaType() throws Exception {
        forge.answerGets(
                200,
                """
                {"state": "pending", "statuses": [
                  {"context": "ci/build", "state": "success"},
                  {"context": "ci/test", "state": "pending"}]}
                """);
        var prs = new GitSpec.PullRequests(GitSpec.Provider.GITHUB, forge.url() + "/", "acme/ledger", "GH_TOKEN");

        var statuses = new ForgeCommitStatuses(prs, Map.of("GH_TOKEN", "ghp_secret"), http).statuses("abc1234def");

        assertThat(statuses)
                .containsExactly(new CommitStatus("ci/build", "success"), new CommitStatus("ci/test", "pending"));
        LoopbackForge.Seen s = forge.seen().get(0);
        assertThat(s.method()).isEqualTo("GET");
        assertThat(s.path()).isEqualTo("/repos/acme/ledger/commits/abc1234def/status");
        assertThat(s.headers())
                .containsEntry("Authorization", "Bearer ghp_secret")
                .containsEntry("Accept", "application/vnd.github+json")
                .containsEntry("X-GitHub-Api-Version", "2022-11-28");
    }

    @Test
    void giteaReadsUnderApiV1WithTokenAuthorizationAndItsStatusField() throws Exception {
        forge.answerGets(200, "{\"statuses\": [{\"context\": \"ci/build\", \"status\": \"failure\"}]}");
        var prs = new GitSpec.PullRequests(GitSpec.Provider.GITEA, forge.url(), "acme/ledger", "GITEA_TOKEN");

        var statuses = new ForgeCommitStatuses(prs, Map.of("GITEA_TOKEN", "gt_secret"), http).statuses("v1.2.0");

        assertThat(statuses).containsExactly(new CommitStatus("ci/build", "failure"));
        LoopbackForge.Seen s = forge.seen().get(0);
        assertThat(s.path()).isEqualTo("/api/v1/repos/acme/ledger/commits/v1.2.0/status");
        assertThat(s.headers())
                .containsEntry("Authorization", "token gt_secret")
                .containsEntry("Accept", "application/json");
    }

    @Test
    void anErrorAnswerIsQuotedWithTheTokenMasked() {
        forge.answerGets(401, "{\"message\": \"Bad credentials for gt_secret\"}");
        var prs = new GitSpec.PullRequests(GitSpec.Provider.GITEA, forge.url(), "acme/ledger", "GITEA_TOKEN");

        assertThatThrownBy(() ->
                        new ForgeCommitStatuses(prs, Map.of("GITEA_TOKEN", "gt_secret"), http).statuses("abc1234"))
                .hasMessageContaining("answered 401")
                .hasMessageContaining("Bad credentials for ****")
                .hasMessageNotContaining("gt_secret");
    }

    @Test
    void noTokenIsAnErrorNamingTheVariableAndNothingIsSent() {
        var prs = new GitSpec.PullRequests(GitSpec.Provider.GITHUB, forge.url(), "acme/ledger", "GH_TOKEN");

        assertThatThrownBy(() -> new ForgeCommitStatuses(prs, Map.of(), http).statuses("abc1234"))
                .hasMessageContaining("no API token: set the environment variable GH_TOKEN");
        assertThat(forge.seen()).isEmpty();
    }
}
