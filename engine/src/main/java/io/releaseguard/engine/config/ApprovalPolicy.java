package io.releaseguard.engine.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Who must approve a promotion into an environment: {@code required} approvals from {@code reviewers} (user ids,
 * or {@code group:NAME}), and/or one approval from every group in {@code allOf}. Self-approval by the requester or
 * the release's author is refused when {@code preventSelfApproval}, administrators included.
 */
public record ApprovalPolicy(
        Optional<Integer> required,
        List<String> reviewers,
        List<String> allOf,
        boolean preventSelfApproval,
        Optional<Duration> expiresAfter,
        boolean commentOnReject,
        boolean commentOnEmergency) {

    /** Prefix that marks a reviewer entry as a group. */
    public static final String GROUP_PREFIX = "group:";

    public ApprovalPolicy {
        reviewers = List.copyOf(reviewers);
        allOf = List.copyOf(allOf);
    }
}
