package io.releaseguard.jenkins.steps;

import hudson.Extension;
import hudson.model.Run;
import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.jenkins.policy.PolicyRef;
import io.releaseguard.jenkins.promotion.BuildOrigin;
import io.releaseguard.jenkins.promotion.PromotionTask;
import java.nio.file.Path;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code releaseGuardPromote(release: 'sha-abc1234', to: 'mainnet', emergency: false, reason: null)}: promotes
 * exactly like {@code release-guard promote}, requested by the user who started the build. Returns the result as a
 * map when the release is live; waits, without a thread, while only approvals are missing; fails with the engine's
 * message when anything else blocks it, and fails the build when a check failed and rollback ran.
 */
public class ReleaseGuardPromoteStep extends PromotionStep {
    static final String FUNCTION = PromotionTask.PROMOTE;

    private final String release;
    private final String to;
    private boolean emergency;
    private String reason;

    @DataBoundConstructor
    public ReleaseGuardPromoteStep(String release, String to) {
        this.release = release;
        this.to = to;
    }

    public String getRelease() {
        return release;
    }

    public String getTo() {
        return to;
    }

    public boolean isEmergency() {
        return emergency;
    }

    /** Bypass what the policy's emergency section allows; the promotion opens a post-incident review. */
    @DataBoundSetter
    public void setEmergency(boolean emergency) {
        this.emergency = emergency;
    }

    public String getReason() {
        return reason;
    }

    @DataBoundSetter
    public void setReason(String reason) {
        this.reason = reason == null || reason.isBlank() ? null : reason;
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context, this);
    }

    private static final class Execution extends PromotionStepExecution {
        private static final long serialVersionUID = 1L;

        private final String release;
        private final String to;
        private final boolean emergency;
        private final String reason;

        Execution(StepContext context, ReleaseGuardPromoteStep step) {
            super(context, FUNCTION, step.getConfig());
            this.release = step.release;
            this.to = step.to;
            this.emergency = step.emergency;
            this.reason = step.reason;
        }

        @Override
        protected PromotionTask task(PolicyRef policy, Path stateDir, Run<?, ?> run) throws ReleaseGuardException {
            BuildOrigin.People people = Requesters.of(run);
            return PromotionTask.promote(
                    release, to, emergency, reason, people.requester(), people.authors(), policy, stateDir);
        }
    }

    @Extension
    @Symbol(FUNCTION)
    public static final class DescriptorImpl extends PromotionStepDescriptor {
        public DescriptorImpl() {
            super(FUNCTION, "Promote a release through release-guard");
        }
    }
}
