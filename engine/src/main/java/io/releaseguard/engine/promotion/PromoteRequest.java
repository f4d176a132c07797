package io.releaseguard.engine.promotion;

import io.releaseguard.engine.state.PendingPromotion;
import io.releaseguard.engine.state.ReleaseAuthor;
import java.util.List;
import java.util.Optional;

/**
 * What {@code release-guard promote} was asked: the release (pinned by its artifact digest) into one environment,
 * by whom; optionally as an emergency (with the reason the policy demands) or as an explicit rollback to an older
 * release. {@code authors} are user ids the front knows wrote the release ({@code promote --author}); they are
 * recorded on a new promotion together with the authors git knows, and may not approve it.
 */
public record PromoteRequest(
        String release,
        String environment,
        String requestedBy,
        String artifactDigest,
        Optional<String> emergencyReason,
        boolean explicitRollback,
        List<String> authors) {

    public PromoteRequest {
        authors = authors.stream().filter(a -> !a.isEmpty()).distinct().toList();
    }

    /** A request that names no authors; git may still know them. */
    public PromoteRequest(
            String release,
            String environment,
            String requestedBy,
            String artifactDigest,
            Optional<String> emergencyReason,
            boolean explicitRollback) {
        this(release, environment, requestedBy, artifactDigest, emergencyReason, explicitRollback, List.of());
    }

    /** The digest approvals are bound to when none is given: the release tag itself. */
    public static String tagDigest(String release) {
        return "tag:" + release;
    }

    /**
     * The request that continues an interrupted promotion: same release, environment, requester, digest and named
     * authors; an emergency it started as is restored from its journal, never widened.
     */
    public static PromoteRequest resuming(PendingPromotion p) {
        return new PromoteRequest(
                p.release(),
                p.environment(),
                p.requestedBy(),
                p.artifactDigest(),
                Optional.empty(),
                false,
                p.authors().stream()
                        .filter(a -> a.source() == ReleaseAuthor.Source.REQUEST)
                        .map(ReleaseAuthor::name)
                        .toList());
    }
}
