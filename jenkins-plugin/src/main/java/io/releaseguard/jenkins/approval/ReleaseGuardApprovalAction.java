package io.releaseguard.jenkins.approval;

import hudson.model.Item;
import hudson.model.Run;
import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.jenkins.policy.ReleaseGuardGlobalConfiguration;
import io.releaseguard.jenkins.promotion.ApprovalDesk;
import io.releaseguard.jenkins.promotion.PendingApproval;
import io.releaseguard.jenkins.promotion.PromotionTask;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import jenkins.model.RunAction2;
import org.kohsuke.stapler.StaplerProxy;

/**
 * The approval page of a build whose promotion waits for reviewers, at {@code <build>/release-guard/}: every waiting
 * promotion with its approvals so far and whose decision would count, and Approve/Reject forms. Seeing it takes
 * Item/Read on the job; deciding is {@link PendingDecision}'s. Only promotion ids and the task that requested them
 * are kept in {@code build.xml}; where approvals stand is always read from the engine's state.
 */
public final class ReleaseGuardApprovalAction implements RunAction2, StaplerProxy {
    public static final String URL_NAME = "release-guard";

    private List<PendingApproval> pending = new CopyOnWriteArrayList<>();
    private transient Run<?, ?> run;

    /** The build's approval page, added when it has none yet. */
    public static ReleaseGuardApprovalAction of(Run<?, ?> run) {
        // One lock for all builds: parallel branches of one build may pause at the same moment.
        synchronized (ReleaseGuardApprovalAction.class) {
            ReleaseGuardApprovalAction action = run.getAction(ReleaseGuardApprovalAction.class);
            if (action == null) {
                action = new ReleaseGuardApprovalAction();
                run.addAction(action);
            }
            return action;
        }
    }

    /** An approval desk for a promotion of {@code task}, under the policy the task names as it reads now. */
    public static ApprovalDesk desk(PromotionTask task) throws ReleaseGuardException {
        ReleaseGuardGlobalConfiguration global = ReleaseGuardGlobalConfiguration.get();
        return new ApprovalDesk(global.policy(task.policy()), task.stateDir(), Clock.systemUTC());
    }

    /** Lists {@code p} on the page (replacing an entry for the same promotion) and saves the build. */
    public void add(PendingApproval p) throws IOException {
        pending.removeIf(e -> e.promotionId().equals(p.promotionId()));
        pending.add(p);
        run.save();
    }

    /** Takes the promotion off the page once it no longer waits. */
    public void remove(String promotionId) throws IOException {
        if (pending.removeIf(e -> e.promotionId().equals(promotionId))) {
            run.save();
        }
    }

    public Run<?, ?> getRun() {
        return run;
    }

    /** The waiting promotions, as the page shows them. */
    public List<PendingDecision> getPending() {
        return pending.stream().map(p -> new PendingDecision(this, p)).toList();
    }

    /** Whether the current user may approve or reject here (the engine still decides whether it counts). */
    public boolean isCanDecide() {
        return run.getParent().hasPermission(Item.BUILD);
    }

    /**
     * {@code release-guard/<promotion id>/…}: the waiting promotion with that id; 404 for anything else, including a
     * token that is not an engine promotion id.
     */
    public PendingDecision getDynamic(String token) {
        Optional<String> id = ApprovalDesk.promotionId(token);
        if (id.isEmpty()) {
            return null;
        }
        return pending.stream()
                .filter(p -> p.promotionId().equals(id.get()))
                .findFirst()
                .map(p -> new PendingDecision(this, p))
                .orElse(null);
    }

    /** Every page and form below this action needs Item/Read on the job. */
    @Override
    public Object getTarget() {
        run.getParent().checkPermission(Item.READ);
        return this;
    }

    @Override
    public String getIconFileName() {
        return pending.isEmpty() ? null : "help.png";
    }

    @Override
    public String getDisplayName() {
        return "Release approvals";
    }

    @Override
    public String getUrlName() {
        return URL_NAME;
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        this.run = r;
        if (pending == null) {
            pending = new CopyOnWriteArrayList<>();
        }
    }
}
