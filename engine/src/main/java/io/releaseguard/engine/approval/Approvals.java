package io.releaseguard.engine.approval;

import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.audit.AuditEntry;
import io.releaseguard.engine.audit.AuditRecord;
import io.releaseguard.engine.config.ApprovalPolicy;
import io.releaseguard.engine.config.EnvironmentSpec;
import io.releaseguard.engine.config.ReleaseGuardConfig;
import io.releaseguard.engine.identity.DecisionSigner;
import io.releaseguard.engine.identity.SignedDecision;
import io.releaseguard.engine.identity.SshSignatures;
import io.releaseguard.engine.identity.UserIds;
import io.releaseguard.engine.state.ApprovalRecord;
import io.releaseguard.engine.state.Decision;
import io.releaseguard.engine.state.PendingPromotion;
import io.releaseguard.engine.state.PromotionStatus;
import io.releaseguard.engine.state.StateStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Records approval decisions on pending promotions and answers where they stand. A decision is refused, audited and
 * not stored when the user may not decide (not a reviewer, or the requester or an author of the release while
 * self-approval is prevented), a rejection lacks the comment the policy requires, or a signature the policy needs is
 * missing or does not verify; every accepted decision is audited, then stored bound to its audit record.
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

    /** Where the promotion's approvals stand now; decisions without their evidence are listed as not counted. */
    public ApprovalStatus status(String promotionId) throws ReleaseGuardException {
        PendingPromotion p = promotion(promotionId);
        ApprovalPolicy policy = policy(p);
        DecisionEvidence.Checked checked = evidence(p, policy);
        return ApprovalRules.evaluate(
                        policy, config.groups(), barred(p), p.artifactDigest(), checked.decisions(), clock.instant())
                .withIgnored(checked.ignored());
    }

    /** The promotion's decisions with the audit records that back them, and those without evidence. */
    public DecisionEvidence.Checked evidence(String promotionId) throws ReleaseGuardException {
        PendingPromotion p = promotion(promotionId);
        return evidence(p, policy(p));
    }

    private DecisionEvidence.Checked evidence(PendingPromotion p, ApprovalPolicy policy) throws ReleaseGuardException {
        return DecisionEvidence.check(
                policy, state.approvals(p.id()), state.audit().read().records());
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

    /** Records {@code user}'s unsigned decision and returns the new status. */
    public ApprovalStatus decide(String promotionId, String user, Decision decision, String comment)
            throws ReleaseGuardException {
        return decide(promotionId, user, decision, comment, Optional.empty());
    }

    /**
     * Records {@code user}'s decision, signed by {@code signer} when one is given, and returns the new status. The
     * audit record is written first (with the signature) and the decision is stored bound to it, so a decision never
     * counts without its record. The id is canonicalised ({@link UserIds}); a malformed one is refused (exit 3)
     * before anything is recorded.
     */
    public ApprovalStatus decide(
            String promotionId, String rawUser, Decision decision, String comment, Optional<DecisionSigner> signer)
            throws ReleaseGuardException {
        String user = UserIds.require("approver", rawUser);
        PendingPromotion p = promotion(promotionId);
        ApprovalPolicy policy = policy(p);
        String action = DecisionEvidence.action(decision);
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
        Instant at = clock.instant();
        SignedDecision signed =
                new SignedDecision(p.id(), p.release(), p.artifactDigest(), p.environment(), decision.name(), user, at);
        Optional<String> signature = signature(p, policy, action, signed, signer);
        DecisionEvidence.Checked before = evidence(p, policy);
        ApprovalRecord made = new ApprovalRecord(p.id(), user, at, text, p.artifactDigest(), decision);
        List<ApprovalRecord> after = new ArrayList<>(before.decisions());
        after.add(made);
        ApprovalStatus status = ApprovalRules.evaluate(
                        policy, config.groups(), barred(p), p.artifactDigest(), after, at)
                .withIgnored(before.ignored());
        Map<String, String> details = new HashMap<>();
        details.put("release", p.release());
        details.put("artifactDigest", p.artifactDigest());
        details.put("status", status.message());
        details.put(DecisionEvidence.DECIDED_AT, at.toString());
        details.put(DecisionEvidence.COMMENT, text);
        signature.ifPresent(s -> details.put(DecisionEvidence.SIGNATURE, s));
        AuditRecord record = state.audit()
                .append(new AuditEntry(
                        user,
                        action,
                        p.environment(),
                        p.id(),
                        status.state().name(),
                        text.isEmpty() ? status.message() : text,
                        details));
        state.addApproval(made.audited(record.seq(), record.hash()));
        return status;
    }

    /**
     * The decision's signature: made by {@code signer} and verified now against the policy's allowed signers, or
     * none when no signer is given and the policy does not require one.
     */
    private Optional<String> signature(
            PendingPromotion p,
            ApprovalPolicy policy,
            String action,
            SignedDecision signed,
            Optional<DecisionSigner> signer)
            throws ReleaseGuardException {
        if (signer.isEmpty()) {
            if (policy.requireSignedApprovals()) {
                throw refuse(
                        p,
                        signed.user(),
                        action,
                        "refused: " + p.environment() + " requires signed decisions; sign with --sign-with KEY (an"
                                + " OpenSSH key listed for " + signed.user() + " in "
                                + policy.allowedSigners().orElseThrow().getFileName() + ")",
                        ExitCode.BLOCKED);
            }
            return Optional.empty();
        }
        if (policy.allowedSigners().isEmpty()) {
            throw refuse(
                    p,
                    signed.user(),
                    action,
                    "cannot check a signature: environment " + p.environment()
                            + " has no approvals.allowedSigners in the policy",
                    ExitCode.INVALID);
        }
        String signature = signer.get().sign(signed);
        Optional<String> bad = new SshSignatures(policy.allowedSigners().get()).problem(signed, signature);
        if (bad.isPresent()) {
            throw refuse(p, signed.user(), action, "refused: " + bad.get(), ExitCode.BLOCKED);
        }
        return Optional.of(signature);
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
