package io.releaseguard.engine.promotion;

import io.releaseguard.engine.state.PendingPromotion;
import java.util.Optional;

/**
 * What {@code release-guard promote} was asked: the release (pinned by its artifact digest) into one environment,
 * by whom; optionally as an emergency (with the reason the policy demands) or as an explicit rollback to an older
 * release.
 */
public record PromoteRequest(
        String release,
        String environment,
        String requestedBy,
        String artifactDigest,
        Optional<String> emergencyReason,
        boolean explicitRollback) {

    /** The digest approvals are bound to when none is given: the release tag itself. */
    public static String tagDigest(String release) {
        return "tag:" + release;
    }

    /**
     * The request that continues an interrupted promotion: same release, environment, requester and digest; an
     * emergency it started as is restored from its journal, never widened.
     */
    public static PromoteRequest resuming(PendingPromotion p) {
        return new PromoteRequest(
                p.release(), p.environment(), p.requestedBy(), p.artifactDigest(), Optional.empty(), false);
    }
}
