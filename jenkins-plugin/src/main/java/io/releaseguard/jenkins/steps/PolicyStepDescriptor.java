package io.releaseguard.jenkins.steps;

import hudson.model.TaskListener;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;

/**
 * What the release-guard steps' descriptors share: a Pipeline function name and title, and no need for a node (the
 * workspace is used when there is one).
 */
abstract class PolicyStepDescriptor extends StepDescriptor {
    private final String functionName;
    private final String displayName;

    PolicyStepDescriptor(String functionName, String displayName) {
        this.functionName = functionName;
        this.displayName = displayName;
    }

    @Override
    public String getFunctionName() {
        return functionName;
    }

    @Override
    public String getDisplayName() {
        return displayName;
    }

    @Override
    public Set<? extends Class<?>> getRequiredContext() {
        return Set.of(TaskListener.class);
    }
}
