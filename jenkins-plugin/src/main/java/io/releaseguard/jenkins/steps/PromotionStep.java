package io.releaseguard.jenkins.steps;

import org.jenkinsci.plugins.workflow.steps.Step;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * A release-guard step that promotes: the optional {@code config} argument, a workspace policy file that is read
 * only where an administrator allows workspace policies for promotions (otherwise naming one is an error). Public
 * because Stapler and the Snippet Generator reach the inherited setter and getter by reflection.
 */
public abstract class PromotionStep extends Step {
    private String config;

    /** The workspace policy file; null for the default (the global policy, or release-guard.yaml when allowed). */
    public String getConfig() {
        return config;
    }

    @DataBoundSetter
    public void setConfig(String config) {
        this.config = config == null || config.isBlank() ? null : config;
    }
}
