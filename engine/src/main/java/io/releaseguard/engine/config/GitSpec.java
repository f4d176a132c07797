package io.releaseguard.engine.config;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The repository side of releases: the production branch promotions merge into, the pattern that recognises a
 * promotion merge commit, globs of irreversible changes (flagged in revert PRs), the remote revert branches are pushed
 * to (a remote name or URL, default {@value #DEFAULT_REMOTE}), and where PRs are opened.
 */
public record GitSpec(
        String repository,
        String remote,
        String productionBranch,
        Pattern promotionCommit,
        List<String> irreversible,
        Optional<PullRequests> pullRequests) {
    /** The remote used when the policy names none. */
    public static final String DEFAULT_REMOTE = "origin";

    public GitSpec {
        irreversible = List.copyOf(irreversible);
    }

    /** A GitHub or Gitea REST API and the repository ("owner/name"); the token comes from an env var. */
    public record PullRequests(Provider provider, String apiUrl, String repository, String tokenEnv) {}

    /** A supported forge. */
    public enum Provider {
        GITHUB,
        GITEA
    }
}
