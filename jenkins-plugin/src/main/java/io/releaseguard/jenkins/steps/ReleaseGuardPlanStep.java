package io.releaseguard.jenkins.steps;

import hudson.Extension;
import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.plan.PromotionPlan;
import io.releaseguard.jenkins.policy.PolicySource;
import io.releaseguard.jenkins.policy.ReleaseGuardGlobalConfiguration;
import io.releaseguard.jenkins.promotion.StepNode;
import java.io.PrintStream;
import java.util.Optional;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * {@code releaseGuardPlan(release: 'sha-abc1234', to: 'mainnet', config: 'release-guard.yaml')}: prints the
 * engine's promotion plan to the build log and returns it as JSON. Changes nothing.
 */
public class ReleaseGuardPlanStep extends PolicyStep {
    static final String FUNCTION = "releaseGuardPlan";

    private final String release;
    private final String to;

    @DataBoundConstructor
    public ReleaseGuardPlanStep(String release, String to) {
        this.release = release;
        this.to = to;
    }

    public String getRelease() {
        return release;
    }

    public String getTo() {
        return to;
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context, getConfig(), release, to);
    }

    private static final class Execution extends PolicyStepExecution<String> {
        private static final long serialVersionUID = 1L;

        private final String release;
        private final String to;

        Execution(StepContext context, String config, String release, String to) {
            super(context, config);
            this.release = release;
            this.to = to;
        }

        @Override
        protected String run(
                ReleaseGuardCommands commands, PolicySource policy, Optional<StepNode> node, PrintStream log)
                throws ReleaseGuardException {
            PromotionPlan plan = commands.plan(
                    policy,
                    node,
                    release,
                    to,
                    ReleaseGuardGlobalConfiguration.get().stateDirectory());
            log.println(plan.renderText());
            return plan.toJson();
        }
    }

    @Extension
    @Symbol(FUNCTION)
    public static final class DescriptorImpl extends PolicyStepDescriptor {
        public DescriptorImpl() {
            super(FUNCTION, "Plan a release-guard promotion");
        }
    }
}
