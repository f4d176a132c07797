package io.releaseguard.jenkins.promotion;

import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.approval.ApprovalStatus;
import io.releaseguard.engine.approval.Approvals;
import io.releaseguard.engine.state.Decision;
import io.releaseguard.engine.state.FileStateStore;
import io.releaseguard.engine.state.StateIds;
import io.releaseguard.jenkins.policy.PolicySource;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The approval page's side of a waiting promotion, through the engine only: where its approvals stand, whose
 * decision would count, and recording one user's decision. The engine refuses and audits a non-reviewer, the
 * requester and the release's authors (administrators included) and a rejection without the comment the policy
 * requires; an accepted decision
 * lands in the audit log and, when the promotion finishes, in its manifest.
 */
public final class ApprovalDesk {
    private final Approvals approvals;

    public ApprovalDesk(PolicySource policy, Path stateDir, Clock clock) throws ReleaseGuardException {
        this.approvals = new Approvals(policy.load(), new FileStateStore(stateDir, clock), clock);
    }

    public ApprovalStatus status(String promotionId) throws ReleaseGuardException {
        return approvals.status(promotionId);
    }

    public List<String> eligibleReviewers(String promotionId) throws ReleaseGuardException {
        return approvals.eligibleReviewers(promotionId);
    }

    /**
     * The id a decision by the logged-in {@code userId} is recorded under, compared through the realm's {@code ids}
     * with the reviewers whose decision would count ({@link UserIds#decider}).
     */
    public String deciderId(String promotionId, String userId, UserIds ids) throws ReleaseGuardException {
        return ids.decider(userId, eligibleReviewers(promotionId));
    }

    /** Records {@code userId}'s decision; {@code userId} is the logged-in user, never a request parameter. */
    public ApprovalStatus decide(String promotionId, String userId, Decision decision, String comment)
            throws ReleaseGuardException {
        return approvals.decide(promotionId, Objects.requireNonNull(userId, "userId"), decision, comment);
    }

    /**
     * The promotion id a URL segment names, when it has the engine's id form ({@code [A-Za-z0-9._-]}, no {@code ..},
     * no leading dot), so it can never be a path or markup; empty otherwise.
     */
    public static Optional<String> promotionId(String token) {
        try {
            return Optional.of(StateIds.requireSafe("promotion", token));
        } catch (ReleaseGuardException e) {
            return Optional.empty();
        }
    }

    /**
     * The HTTP status for a decision the engine did not take: 403 when the policy refuses it (not a reviewer, the
     * requester or an author of the release, the promotion no longer waits), 400 when the request itself is incomplete (a rejection without a
     * comment, an unknown promotion), 500 for anything else.
     */
    public static int httpStatus(ReleaseGuardException e) {
        return switch (e.exitCode()) {
            case BLOCKED -> 403;
            case INVALID -> 400;
            default -> 500;
        };
    }

    /** {@code have/need}, as the page shows it. */
    public static String fraction(ApprovalStatus status) {
        return status.have() + "/" + status.need();
    }
}
