package io.releaseguard.jenkins.approval;

import hudson.model.Item;
import hudson.model.User;
import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.approval.ApprovalStatus;
import io.releaseguard.engine.promotion.PromoteRequest;
import io.releaseguard.engine.state.Decision;
import io.releaseguard.jenkins.promotion.ApprovalDesk;
import io.releaseguard.jenkins.promotion.PendingApproval;
import java.util.List;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.HttpResponses;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.interceptor.RequirePOST;

/**
 * One waiting promotion on a build's approval page, at {@code <build>/release-guard/<promotion id>/}. Approving and
 * rejecting are POST only (CSRF crumbs are Jenkins's) and need Item/Build on the job: deciding moves a deployment
 * forward, which is what Build already grants, and approvers usually hold it. The deciding user is whoever is logged
 * in; whether the decision counts (a reviewer, neither the requester nor an author of the release, administrators included; a comment to reject) is
 * the engine's to say, and every refusal is in its audit log.
 */
public final class PendingDecision {
    private final ReleaseGuardApprovalAction action;
    private final PendingApproval entry;
    private View view;

    PendingDecision(ReleaseGuardApprovalAction action, PendingApproval entry) {
        this.action = action;
        this.entry = entry;
    }

    public String getId() {
        return entry.promotionId();
    }

    public String getRelease() {
        return request().release();
    }

    public String getEnvironment() {
        return request().environment();
    }

    public String getRequestedBy() {
        return request().requestedBy();
    }

    /** Approvals so far out of those needed, e.g. {@code 1/2}. */
    public String getApprovals() {
        return view().status == null ? "?" : ApprovalDesk.fraction(view().status);
    }

    public String getApprovedBy() {
        return view().status == null || view().status.counted().isEmpty()
                ? "nobody yet"
                : String.join(", ", view().status.counted());
    }

    /** Whose decision would count (reviewers, less the requester and the release's authors when self-approval is prevented). */
    public String getEligibleReviewers() {
        return String.join(", ", view().eligible);
    }

    /** The engine's account of where approvals stand, or why it cannot say. */
    public String getMessage() {
        return view().message;
    }

    @RequirePOST
    public HttpResponse doApprove(@QueryParameter String comment) {
        return decide(Decision.APPROVE, comment);
    }

    @RequirePOST
    public HttpResponse doReject(@QueryParameter String comment) {
        return decide(Decision.REJECT, comment);
    }

    private HttpResponse decide(Decision decision, String comment) {
        action.getRun().getParent().checkPermission(Item.BUILD);
        User user = User.current();
        if (user == null) {
            return HttpResponses.errorWithoutStack(403, "log in to approve or reject a promotion");
        }
        try {
            ApprovalDesk desk = ReleaseGuardApprovalAction.desk(entry.task());
            String userId = desk.deciderId(entry.promotionId(), user.getId(), RealmIds.current());
            ApprovalStatus status = desk.decide(entry.promotionId(), userId, decision, comment);
            ReleaseGuardWaits.get().decided(entry.promotionId(), userId, decision, status);
        } catch (ReleaseGuardException e) {
            return HttpResponses.errorWithoutStack(ApprovalDesk.httpStatus(e), e.getMessage());
        }
        return HttpResponses.redirectViaContextPath(
                action.getRun().getUrl() + ReleaseGuardApprovalAction.URL_NAME + "/");
    }

    private PromoteRequest request() {
        return entry.task().request();
    }

    private View view() {
        if (view == null) {
            view = View.of(entry);
        }
        return view;
    }

    /** The engine's answer, read once per page. */
    private static final class View {
        private final ApprovalStatus status;
        private final List<String> eligible;
        private final String message;

        private View(ApprovalStatus status, List<String> eligible, String message) {
            this.status = status;
            this.eligible = eligible;
            this.message = message;
        }

        static View of(PendingApproval entry) {
            try {
                ApprovalDesk desk = ReleaseGuardApprovalAction.desk(entry.task());
                ApprovalStatus status = desk.status(entry.promotionId());
                return new View(status, desk.eligibleReviewers(entry.promotionId()), status.message());
            } catch (ReleaseGuardException e) {
                return new View(null, List.of(), e.getMessage());
            }
        }
    }
}
