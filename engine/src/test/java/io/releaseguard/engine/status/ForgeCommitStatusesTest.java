package io.releaseguard.engine.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releaseguard.engine.config.GitSpec;
import io.releaseguard.engine.health.HttpHealthProbe;
import io.releaseguard.engine.testing.LoopbackForge;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The combined-status reads against a loopback forge checking the documented request shape: GitHub ("Get the
 * combined status for a specific reference": GET /repos/{owner}/{repo}/commits/{ref}/status, Bearer token,
 * application/vnd.github+json, statuses[].state) and Gitea (GET /api/v1/repos/{owner}/{repo}/commits/{ref}/status,
 * "token" authorization, statuses[].status), and their paging: GitHub's Link rel="next" (per_page at most 100), Gitea's
 * page/limit with X-Total-Count.
 */
class ForgeCommitStatusesTest {
    private final HttpHealthProbe http = new HttpHealthProbe();
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

    /**
     * 250 statuses, 100 a page: {@code ci/build} success on page 1, {@code ci/test} success on page 1 but failure,
     * updated later, on page 3. Statuses carry GitHub's {@code state} or Gitea's {@code status}.
     */
    private static List<String> pages(String stateKey) {
        List<String> statuses = new ArrayList<>();
        statuses.add(status("ci/build", stateKey, "success", "2026-11-24T10:00:00Z"));
        statuses.add(status("ci/test", stateKey, "success", "2026-11-24T10:00:00Z"));
        for (int i = 2; i < 249; i++) {
            statuses.add(status(String.format("lint/%03d", i), stateKey, "success", "2026-11-24T10:00:00Z"));
        }
        statuses.add(status("ci/test", stateKey, "failure", "2026-11-24T12:00:00+01:00"));
        List<String> pages = new ArrayList<>();
        for (int from = 0; from < statuses.size(); from += 100) {
            pages.add("{\"state\": \"failure\", \"total_count\": 250, \"statuses\": ["
                    + String.join(",", statuses.subList(from, Math.min(from + 100, statuses.size()))) + "]}");
        }
        return pages;
    }

    private static String status(String context, String stateKey, String state, String updated) {
        return "{\"context\": \"" + context + "\", \"" + stateKey + "\": \"" + state + "\", \"updated_at\": \""
                + updated + "\"}";
    }

    private static int page(LoopbackForge.Seen request) {
        Matcher m = Pattern.compile("(?:^|&)page=(\\d+)").matcher(request.query());
        return m.find() ? Integer.parseInt(m.group(1)) : 1;
    }

    @Test
    void githubFollowsLinkNextThroughThreePagesAndTheLatestStatusOfAContextWins() throws Exception {
        List<String> pages = pages("state");
        String path = "/repos/acme/ledger/commits/abc1234def/status";
        forge.answerGets(request -> {
            int page = page(request);
            List<String> links = new ArrayList<>();
            if (page < 3) {
                links.add("<" + forge.url() + path + "?per_page=100&page=" + (page + 1) + ">; rel=\"next\"");
                links.add("<" + forge.url() + path + "?per_page=100&page=3>; rel=\"last\"");
            }
            return new LoopbackForge.Answer(
                    200, links.isEmpty() ? Map.of() : Map.of("Link", String.join(", ", links)), pages.get(page - 1));
        });
        var prs = new GitSpec.PullRequests(GitSpec.Provider.GITHUB, forge.url(), "acme/ledger", "GH_TOKEN");

        var statuses = new ForgeCommitStatuses(prs, Map.of("GH_TOKEN", "ghp_secret"), http).statuses("abc1234def");

        assertThat(statuses).hasSize(249).contains(new CommitStatus("ci/build", "success"));
        assertThat(statuses)
                .filteredOn(s -> s.context().equals("ci/test"))
                .containsExactly(new CommitStatus("ci/test", "failure"));
        assertThat(forge.seen())
                .extracting(LoopbackForge.Seen::query)
                .containsExactly("per_page=100", "per_page=100&page=2", "per_page=100&page=3");
        assertThat(forge.seen())
                .allSatisfy(s -> assertThat(s.headers()).containsEntry("Authorization", "Bearer ghp_secret"));
    }

    @Test
    void giteaPagesUntilItsTotalCountIsRead() throws Exception {
        List<String> pages = pages("status");
        forge.answerGets(request -> new LoopbackForge.Answer(
                200,
                Map.of("X-Total-Count", "250"),
                page(request) <= 3 ? pages.get(page(request) - 1) : "{\"statuses\": []}"));
        var prs = new GitSpec.PullRequests(GitSpec.Provider.GITEA, forge.url(), "acme/ledger", "GITEA_TOKEN");

        var statuses = new ForgeCommitStatuses(prs, Map.of("GITEA_TOKEN", "gt_secret"), http).statuses("v1.2.0");

        assertThat(statuses.stream().collect(Collectors.toMap(CommitStatus::context, CommitStatus::state)))
                .hasSize(249)
                .containsEntry("ci/test", "failure")
                .containsEntry("ci/build", "success");
        assertThat(forge.seen())
                .extracting(LoopbackForge.Seen::query)
                .containsExactly("limit=50&page=1", "limit=50&page=2", "limit=50&page=3");
    }

    @Test
    void withoutTimesTheFirstListedStatusOfAContextWins() {
        var listed = List.of(
                new ForgeCommitStatuses.Listed(new CommitStatus("ci/test", "failure"), java.util.Optional.empty()),
                new ForgeCommitStatuses.Listed(
                        new CommitStatus("ci/test", "success"),
                        java.util.Optional.of(Instant.parse("2026-11-24T10:00:00Z"))));
        assertThat(ForgeCommitStatuses.latestPerContext(listed))
                .containsExactly(new CommitStatus("ci/test", "failure"));
    }

    @Test
    void aNextLinkToAnotherHostIsRefusedAndTheTokenNeverLeavesTheForge() {
        forge.answerGets(request -> new LoopbackForge.Answer(
                200,
                Map.of("Link", "<https://collector.example.net/steal?page=2>; rel=\"next\""),
                "{\"statuses\": [{\"context\": \"ci/build\", \"state\": \"success\"}]}"));
        var prs = new GitSpec.PullRequests(GitSpec.Provider.GITHUB, forge.url(), "acme/ledger", "GH_TOKEN");

        assertThatThrownBy(
                        () -> new ForgeCommitStatuses(prs, Map.of("GH_TOKEN", "ghp_secret"), http).statuses("abc1234"))
                .hasMessageContaining(
                        "the forge linked to https://collector.example.net/steal?page=2, outside http://127.0.0.1:")
                .hasMessageContaining("the token is only sent to the configured git.pullRequests.apiUrl");
        assertThat(forge.seen()).hasSize(1);
    }

    @Test
    void aLinkThatNeverEndsStopsAtThePageLimit() {
        forge.answerGets(request -> new LoopbackForge.Answer(
                200,
                Map.of("Link", "<" + forge.url() + request.path() + "?page=" + (page(request) + 1) + ">; rel=\"next\""),
                "{\"statuses\": [{\"context\": \"ci/build\", \"state\": \"success\"}]}"));
        var prs = new GitSpec.PullRequests(GitSpec.Provider.GITHUB, forge.url(), "acme/ledger", "GH_TOKEN");

        assertThatThrownBy(
                        () -> new ForgeCommitStatuses(prs, Map.of("GH_TOKEN", "ghp_secret"), http).statuses("abc1234"))
                .hasMessageContaining("more than 50 pages of statuses (50 read); refusing to read on");
        assertThat(forge.seen()).hasSize(ForgeCommitStatuses.MAX_PAGES);
    }
}
