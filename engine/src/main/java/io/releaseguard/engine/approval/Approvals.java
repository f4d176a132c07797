package io.releaseguard.engine.approval;

import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.audit.AuditEntry;
import io.releaseguard.engine.config.ApprovalPolicy;
import io.releaseguard.engine.config.EnvironmentSpec;
import io.releaseguard.engine.config.ReleaseGuardConfig;
import io.releaseguard.engine.state.ApprovalRecord;
import io.releaseguard.engine.state.Decision;
import io.releaseguard.engine.state.PendingPromotion;
import io.releaseguard.engine.state.PromotionStatus;
import io.releaseguard.engine.state.StateStore;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Records approval decisions on pending promotions and answers where they stand. A decision is refused, audited and
 * not stored when the user may not decide (not a reviewer, or the requester or an author of the release while
 * self-approval is prevented) or a rejection lacks the comment the policy requires; every accepted decision is stored
 * and audited.
 */
public final class Approvals {
    private final ReleaseGuardConfig config;
    private final StateStore state;
    private final Clock clock;

    public Approvals(ReleaseGuardConfig config, StateStore state, Clock clock) {
        this.config = config;
        this.state = state;
        this.clock = clock;
    }

    /** Where the promotion's approvals stand now. */
    public ApprovalStatus status(String promotionId) throws ReleaseGuardException {
        PendingPromotion p = promotion(promotionId);
        return ApprovalRules.evaluate(
                policy(p), config.groups(), barred(p), p.artifactDigest(), state.approvals(p.id()), clock.instant());
    }

    /**
     * The users whose decision on the promotion would count: its reviewers under the policy, less those it bars
     * (the requester and the release's authors, when self-approval is prevented).
     */
    public List<String> eligibleReviewers(String promotionId) throws ReleaseGuardException {
        PendingPromotion p = promotion(promotionId);
        ApprovalPolicy policy = policy(p);
        return ApprovalRules.reviewers(policy, config.groups()).stream()
                .filter(u -> ApprovalRules.refusal(policy, config.groups(), barred(p), u)
                        .isEmpty())
                .toList();
    }

    /** Records {@code user}'s decision and returns the new status. */
    public ApprovalStatus decide(String promotionId, String user, Decision decision, String comment)
            throws ReleaseGuardException {
        PendingPromotion p = promotion(promotionId);
        ApprovalPolicy policy = policy(p);
        String action = decision == Decision.APPROVE ? "approval.approve" : "approval.reject";
        if (p.status() != PromotionStatus.PENDING) {
            throw refuse(
                    p,
                    user,
                    action,
                    "promotion " + p.id() + " is " + p.status() + ", not awaiting approvals",
                    ExitCode.BLOCKED);
        }
        Optional<ApprovalStatus.Ignored> refusal = ApprovalRules.refusal(policy, config.groups(), barred(p), user);
        if (refusal.isPresent()) {
            throw refuse(p, user, action, "refused: " + refusal.get().message(), ExitCode.BLOCKED);
        }
        String text = comment == null ? "" : comment.strip();
        if (decision == Decision.REJECT && policy.commentOnReject() && text.isEmpty()) {
            throw refuse(p, user, action, "a rejection needs a comment (--comment) saying why", ExitCode.INVALID);
        }
        state.addApproval(new ApprovalRecord(p.id(), user, clock.instant(), text, p.artifactDigest(), decision));
        ApprovalStatus status = status(p.id());
        state.audit()
                .append(new AuditEntry(
                        user,
                        action,
                        p.environment(),
                        p.id(),
                        status.state().name(),
                        text.isEmpty() ? status.message() : text,
                        Map.of(
                                "release",
                                p.release(),
                                "artifactDigest",
                                p.artifactDigest(),
                                "status",
                                status.message())));
        return status;
    }

    private ReleaseGuardException refuse(PendingPromotion p, String user, String action, String why, ExitCode code)
            throws ReleaseGuardException {
        state.audit()
                .append(new AuditEntry(
                        user, action, p.environment(), p.id(), "REFUSED", why, Map.of("release", p.release())));
        return new ReleaseGuardException(code, why);
    }

    private PendingPromotion promotion(String id) throws ReleaseGuardException {
        return state.promotion(id)
                .orElseThrow(() -> new ReleaseGuardException(
                        ExitCode.INVALID, "no promotion '" + id + "' in " + "the state directory"));
    }

    private ApprovalPolicy policy(PendingPromotion p) throws ReleaseGuardException {
        return config.environment(p.environment())
                .flatMap(EnvironmentSpec::approvals)
                .orElseThrow(() -> new ReleaseGuardException(
                        ExitCode.INVALID, "environment " + p.environment() + " has no approval policy"));
    }

    /** The requester and the release's recorded authors may not approve the promotion. */
    private static Barred barred(PendingPromotion p) {
        return Barred.of(p);
    }
}
