package io.releaseguard.jenkins.steps;

import io.releaseguard.jenkins.policy.PolicySource;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * A release-guard step that reads a policy: the optional {@code config} argument every such step takes. Public
 * because Stapler and the Snippet Generator reach the inherited setter and getter by reflection.
 */
public abstract class PolicyStep extends Step {
    private String config = PolicySource.DEFAULT_FILE;

    /** The policy file, relative to the workspace. */
    public String getConfig() {
        return config;
    }

    @DataBoundSetter
    public void setConfig(String config) {
        this.config = config;
    }
}
