package io.releaseguard.engine.promotion;

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
        boolean explicitRollback) {}
