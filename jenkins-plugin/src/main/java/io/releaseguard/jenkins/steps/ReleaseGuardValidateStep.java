package io.releaseguard.jenkins.steps;

import hudson.Extension;
import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.jenkins.policy.PolicySource;
import io.releaseguard.jenkins.promotion.StepNode;
import java.io.PrintStream;
import java.util.Optional;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * {@code releaseGuardValidate(config: 'release-guard.yaml')}: validates the policy and returns a one-line summary;
 * an invalid policy fails the build listing every problem as {@code FILE:LINE:COL PATH: message}.
 */
public class ReleaseGuardValidateStep extends PolicyStep {
    static final String FUNCTION = "releaseGuardValidate";

    @DataBoundConstructor
    public ReleaseGuardValidateStep() {}

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context, getConfig());
    }

    private static final class Execution extends PolicyStepExecution<String> {
        private static final long serialVersionUID = 1L;

        Execution(StepContext context, String config) {
            super(context, config);
        }

        @Override
        protected String run(
                ReleaseGuardCommands commands, PolicySource policy, Optional<StepNode> node, PrintStream log)
                throws ReleaseGuardException {
            String summary = commands.validate(policy, node);
            log.println(summary);
            return summary;
        }
    }

    @Extension
    @Symbol(FUNCTION)
    public static final class DescriptorImpl extends PolicyStepDescriptor {
        public DescriptorImpl() {
            super(FUNCTION, "Validate the release-guard policy");
        }
    }
}
