package io.releaseguard.engine.status;

import com.fasterxml.jackson.databind.JsonNode;
import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.JsonReports;
import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.config.GitSpec;
import io.releaseguard.engine.forge.ForgeApi;
import io.releaseguard.engine.health.HealthProbe;
import io.releaseguard.engine.health.ProbeRequest;
import io.releaseguard.engine.health.ProbeResult;
import io.releaseguard.engine.secret.Redactor;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * {@link CommitStatuses} from the combined status of a commit: GitHub {@code GET /repos/{owner}/{repo}/commits/{ref}/
 * status} (each status's {@code state}) or Gitea {@code GET /api/v1/repos/{owner}/{repo}/commits/{ref}/status} (its
 * {@code status}), addressed and authorised as {@link ForgeApi} says. Every page is read: GitHub's by its {@code Link:
 * rel="next"}, Gitea's by {@code page} until {@code X-Total-Count} statuses arrived, at most {@value #MAX_PAGES} pages
 * and never from another host. Per context the status updated last wins. The token comes from the injected
 * environment and is masked in every message. Requests go through the engine's one HTTP client: a {@code 30s} deadline
 * per page for the whole exchange, at most {@value #MAX_PAGE_BYTES} bytes per page.
 */
public final class ForgeCommitStatuses implements CommitStatuses {
    static final int MAX_PAGES = 50;
    private static final int GITHUB_PAGE = 100;
    private static final int GITEA_PAGE = 50;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final long MAX_PAGE_BYTES = 8L * 1024 * 1024;
    private static final int EXCERPT = 300;

    private final GitSpec.PullRequests forge;
    private final Map<String, String> environment;
    private final HealthProbe http;

    public ForgeCommitStatuses(GitSpec.PullRequests forge, Map<String, String> environment, HealthProbe http) {
        this.forge = forge;
        this.environment = Map.copyOf(environment);
        this.http = http;
    }

    /** The URL of the first page read for {@code ref}. */
    public String url(String ref) throws ReleaseGuardException {
        return base(ref) + query(1);
    }

    private String base(String ref) throws ReleaseGuardException {
        return ForgeApi.repositoryUrl(forge) + "/commits/" + URLEncoder.encode(ref, StandardCharsets.UTF_8) + "/status";
    }

    private String query(int page) {
        return forge.provider() == GitSpec.Provider.GITHUB
                ? "?per_page=" + GITHUB_PAGE + (page > 1 ? "&page=" + page : "")
                : "?limit=" + GITEA_PAGE + "&page=" + page;
    }

    /** One status as listed, with when it was last updated when the forge says so. */
    record Listed(CommitStatus status, Optional<Instant> updated) {}

    /** One page: its statuses, the next page's URL if any, and the total the forge reported. */
    private record Page(List<Listed> statuses, Optional<String> next, OptionalLong total) {}

    @Override
    public List<CommitStatus> statuses(String ref) throws ReleaseGuardException {
        String token = ForgeApi.token(forge, environment);
        String first = url(ref);
        List<Listed> all = new ArrayList<>();
        String url = first;
        for (int page = 1; ; page++) {
            Page p = get(url, token);
            all.addAll(p.statuses());
            Optional<String> next = p.next();
            if (next.isEmpty()
                    && p.total().isPresent()
                    && all.size() < p.total().getAsLong()
                    && !p.statuses().isEmpty()) {
                next = Optional.of(base(ref) + query(page + 1));
            }
            if (next.isEmpty()) {
                return latestPerContext(all);
            }
            if (page == MAX_PAGES) {
                throw new ReleaseGuardException(
                        ExitCode.UNEXPECTED,
                        "GET " + first + ": more than " + MAX_PAGES + " pages of statuses (" + all.size()
                                + " read); refusing to read on");
            }
            url = URI.create(url).resolve(next.get()).toString();
            ForgeApi.requireSameOrigin(first, url);
        }
    }

    /**
     * One status per context, in first-listed order: the one updated last, or when the forge gives no times, the first
     * listed (both forges list newest first).
     */
    static List<CommitStatus> latestPerContext(List<Listed> listed) {
        Map<String, Listed> latest = new LinkedHashMap<>();
        for (Listed l : listed) {
            latest.merge(l.status().context(), l, (kept, other) -> newer(other, kept) ? other : kept);
        }
        return latest.values().stream().map(Listed::status).toList();
    }

    private static boolean newer(Listed a, Listed b) {
        return a.updated().isPresent()
                && b.updated().isPresent()
                && a.updated().get().isAfter(b.updated().get());
    }

    private Page get(String url, String token) throws ReleaseGuardException {
        Map<String, String> headers = new LinkedHashMap<>();
        ForgeApi.headers(forge.provider()).forEach((k, v) -> headers.put(k, ForgeApi.withToken(k, v, token)));
        ProbeResult r = http.probe(ProbeRequest.get(URI.create(url), headers, TIMEOUT, MAX_PAGE_BYTES));
        if (r instanceof ProbeResult.Failure f) {
            throw new ReleaseGuardException(
                    ExitCode.UNEXPECTED,
                    "GET " + url + " failed: " + Redactor.excerpt(f.detail(), EXCERPT, Set.of(token)));
        }
        ProbeResult.Response response = (ProbeResult.Response) r;
        String body = new String(response.body(), StandardCharsets.UTF_8);
        if (response.status() != 200) {
            throw new ReleaseGuardException(
                    ExitCode.UNEXPECTED,
                    "GET " + url + " answered " + response.status() + ": "
                            + Redactor.excerpt(body, EXCERPT, Set.of(token)));
        }
        String answer = body.replace(token, Redactor.MASK);
        List<Listed> out = new ArrayList<>();
        try {
            for (JsonNode s : JsonReports.MAPPER.readTree(answer).path("statuses")) {
                JsonNode state = s.has("state") ? s.path("state") : s.path("status");
                out.add(new Listed(
                        new CommitStatus(s.path("context").asText(), state.asText()),
                        instant(s.path("updated_at")).or(() -> instant(s.path("created_at")))));
            }
        } catch (IOException e) {
            throw new ReleaseGuardException(ExitCode.UNEXPECTED, "GET " + url + ": the answer is not JSON", e);
        }
        OptionalLong total = response.headers()
                .firstValue("X-Total-Count")
                .flatMap(ForgeCommitStatuses::count)
                .map(OptionalLong::of)
                .orElse(OptionalLong.empty());
        return new Page(out, ForgeApi.nextLink(response.headers().allValues("Link")), total);
    }

    private static Optional<Instant> instant(JsonNode n) {
        try {
            return n.isTextual() ? Optional.of(OffsetDateTime.parse(n.asText()).toInstant()) : Optional.empty();
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<Long> count(String text) {
        try {
            return Optional.of(Long.parseLong(text.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
