package io.releaseguard.engine.forge;

import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.config.GitSpec;
import io.releaseguard.engine.secret.Redactor;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How release-guard addresses a forge's REST API from {@code git.pullRequests}: GitHub under {@code <apiUrl>/repos/
 * <owner>/<name>} with {@code Authorization: Bearer} and {@code Accept: application/vnd.github+json}; Gitea under
 * {@code <apiUrl>/api/v1/repos/<owner>/<name>} with {@code Authorization: token}. Headers carry the token masked; {@link
 * #withToken} fills it in only for the real call. Lists are paged: GitHub names the next page in a {@code Link}
 * header, Gitea counts the items in {@code X-Total-Count} and takes {@code page} and {@code limit}.
 */
public final class ForgeApi {
    private static final Pattern LINK = Pattern.compile("<([^>]*)>\\s*((?:;[^,<]*)*)");
    private static final Pattern REL = Pattern.compile("rel\\s*=\\s*\"?([^\";]*)\"?");

    private ForgeApi() {}

    /** The repository's API base URL; the repository must be {@code owner/name}. */
    public static String repositoryUrl(GitSpec.PullRequests prs) throws ReleaseGuardException {
        String repo = prs.repository();
        if (!repo.matches("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+")) {
            throw new ReleaseGuardException(
                    ExitCode.INVALID, "git.pullRequests.repository \"" + repo + "\" is not owner/name");
        }
        String api = prs.apiUrl().replaceAll("/+$", "");
        if (prs.provider() == GitSpec.Provider.GITHUB) {
            return api + "/repos/" + repo;
        }
        return (api.endsWith("/api/v1") ? api : api + "/api/v1") + "/repos/" + repo;
    }

    /** The provider's Accept (and API version) headers and its Authorization header with the token masked. */
    public static Map<String, String> headers(GitSpec.Provider provider) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (provider == GitSpec.Provider.GITHUB) {
            headers.put("Accept", "application/vnd.github+json");
            headers.put("X-GitHub-Api-Version", "2022-11-28");
            headers.put("Authorization", "Bearer " + Redactor.MASK);
        } else {
            headers.put("Accept", "application/json");
            headers.put("Authorization", "token " + Redactor.MASK);
        }
        return headers;
    }

    /** {@code value} of header {@code name} as sent: the masked token replaced in Authorization only. */
    public static String withToken(String name, String value, String token) {
        return name.equals("Authorization") ? value.replace(Redactor.MASK, token) : value;
    }

    /** The token from the variable {@code git.pullRequests.tokenEnv} names; an error when it is unset or blank. */
    public static String token(GitSpec.PullRequests prs, Map<String, String> environment) throws ReleaseGuardException {
        String token = environment.get(prs.tokenEnv());
        if (token == null || token.isBlank()) {
            throw new ReleaseGuardException(
                    ExitCode.INVALID,
                    "no API token: set the environment variable " + prs.tokenEnv()
                            + " named by git.pullRequests.tokenEnv (in Jenkins: withCredentials)");
        }
        return token;
    }

    /** The {@code rel="next"} target of {@code Link} headers (RFC 8288), as both forges page their lists. */
    public static Optional<String> nextLink(List<String> linkHeaders) {
        for (String header : linkHeaders) {
            Matcher m = LINK.matcher(header);
            while (m.find()) {
                Matcher rel = REL.matcher(m.group(2));
                if (rel.find() && List.of(rel.group(1).trim().split("\\s+")).contains("next")) {
                    return Optional.of(m.group(1).trim());
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Refuses {@code url} unless it has the scheme, host and port of {@code base}: a next-page link (or anything else
     * a forge answers) never takes the token to another host.
     */
    public static void requireSameOrigin(String base, String url) throws ReleaseGuardException {
        URI b = URI.create(base);
        URI u;
        try {
            u = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new ReleaseGuardException(ExitCode.UNEXPECTED, "the forge linked to \"" + url + "\", not a URL");
        }
        if (!b.getScheme().equalsIgnoreCase(String.valueOf(u.getScheme()))
                || !b.getHost().equalsIgnoreCase(String.valueOf(u.getHost()))
                || port(b) != port(u)) {
            throw new ReleaseGuardException(
                    ExitCode.UNEXPECTED,
                    "the forge linked to " + Redactor.url(url) + ", outside " + b.getScheme() + "://" + b.getAuthority()
                            + "; the token is only sent to the configured git.pullRequests.apiUrl");
        }
    }

    private static int port(URI u) {
        return u.getPort() != -1 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }
}
