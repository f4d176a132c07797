package io.releaseguard.engine.rollback;

import java.util.List;
import java.util.Optional;

/**
 * The record of a git-revert rollback: REVERTED with the revert commit and the branch it was pushed to, or
 * MANUAL_TRIAGE with the evidence a human needs (what changed, who owns it, why the engine would not choose).
 * {@code irreversible} lists reverted paths that match the policy's irreversible globs (flagged in the PR body).
 */
public record RevertDecision(
        Outcome outcome,
        String environment,
        Optional<String> service,
        String productionBranch,
        String promotionCommit,
        String promotionSubject,
        List<String> files,
        List<String> irreversible,
        List<String> evidence,
        Optional<String> branch,
        Optional<String> revertCommit,
        boolean dryRun,
        Optional<PullRequestClient.Request> pullRequest,
        Optional<PullRequestClient.Created> created) {

    public RevertDecision {
        files = List.copyOf(files);
        irreversible = List.copyOf(irreversible);
        evidence = List.copyOf(evidence);
    }

    /** The closed set of git-rollback outcomes. */
    public enum Outcome {
        REVERTED,
        MANUAL_TRIAGE
    }

    RevertDecision withPullRequest(PullRequestClient.Request request, Optional<PullRequestClient.Created> done) {
        return new RevertDecision(
                outcome,
                environment,
                service,
                productionBranch,
                promotionCommit,
                promotionSubject,
                files,
                irreversible,
                evidence,
                branch,
                revertCommit,
                dryRun,
                Optional.of(request),
                done);
    }
}
