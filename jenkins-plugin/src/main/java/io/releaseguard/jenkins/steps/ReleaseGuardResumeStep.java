package io.releaseguard.jenkins.steps;

import hudson.Extension;
import hudson.model.Run;
import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.jenkins.policy.PolicyRef;
import io.releaseguard.jenkins.promotion.PromotionTask;
import java.nio.file.Path;
import java.time.Clock;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * {@code releaseGuardResume(promotion: 'mainnet-sha-abc1234-20261124-150000')}: finishes, or rolls back, a promotion
 * interrupted during its rollout (a crash, a kill, a halt), like {@code release-guard resume --promotion ID}; steps
 * already done are not repeated. The promotion keeps its original requester. Results map as for
 * {@code releaseGuardPromote}.
 */
public class ReleaseGuardResumeStep extends PromotionStep {
    static final String FUNCTION = PromotionTask.RESUME;

    private final String promotion;

    @DataBoundConstructor
    public ReleaseGuardResumeStep(String promotion) {
        this.promotion = promotion;
    }

    public String getPromotion() {
        return promotion;
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context, getConfig(), promotion);
    }

    private static final class Execution extends PromotionStepExecution {
        private static final long serialVersionUID = 1L;

        private final String promotion;

        Execution(StepContext context, String config, String promotion) {
            super(context, FUNCTION, config);
            this.promotion = promotion;
        }

        @Override
        protected PromotionTask task(PolicyRef policy, Path stateDir, Run<?, ?> run) throws ReleaseGuardException {
            return PromotionTask.resume(promotion, policy, stateDir, Clock.systemUTC());
        }
    }

    @Extension
    @Symbol(FUNCTION)
    public static final class DescriptorImpl extends PromotionStepDescriptor {
        public DescriptorImpl() {
            super(FUNCTION, "Resume an interrupted release-guard promotion");
        }
    }
}
