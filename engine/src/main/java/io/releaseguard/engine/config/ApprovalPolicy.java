package io.releaseguard.engine.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Who must approve a promotion into an environment: {@code required} approvals from {@code reviewers} (user ids,
 * or {@code group:NAME}), and/or one approval from every group in {@code allOf}. Self-approval by the requester or
 * the release's author is refused when {@code preventSelfApproval}, administrators included. Signatures of decisions
 * are checked against {@code allowedSigners} (an OpenSSH allowed_signers file, absolute); with
 * {@code requireSignedApprovals} a decision without a good signature is refused and never counts.
 */
public record ApprovalPolicy(
        Optional<Integer> required,
        List<String> reviewers,
        List<String> allOf,
        boolean preventSelfApproval,
        Optional<Duration> expiresAfter,
        boolean commentOnReject,
        boolean commentOnEmergency,
        Optional<Path> allowedSigners,
        boolean requireSignedApprovals) {

    /** Prefix that marks a reviewer entry as a group. */
    public static final String GROUP_PREFIX = "group:";

    public ApprovalPolicy {
        reviewers = List.copyOf(reviewers);
        allOf = List.copyOf(allOf);
        if (requireSignedApprovals && allowedSigners.isEmpty()) {
            throw new IllegalArgumentException("requireSignedApprovals needs allowedSigners");
        }
    }

    /** A policy that checks no signatures. */
    public ApprovalPolicy(
            Optional<Integer> required,
            List<String> reviewers,
            List<String> allOf,
            boolean preventSelfApproval,
            Optional<Duration> expiresAfter,
            boolean commentOnReject,
            boolean commentOnEmergency) {
        this(
                required,
                reviewers,
                allOf,
                preventSelfApproval,
                expiresAfter,
                commentOnReject,
                commentOnEmergency,
                Optional.empty(),
                false);
    }
}
