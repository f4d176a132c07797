package io.releaseguard.jenkins.steps;

import hudson.model.Run;
import hudson.model.TaskListener;
import java.util.Set;

/** The promotion steps need the build (who started it, where its approval page lives) besides the log. */
abstract class PromotionStepDescriptor extends PolicyStepDescriptor {
    PromotionStepDescriptor(String functionName, String displayName) {
        super(functionName, displayName);
    }

    @Override
    public Set<? extends Class<?>> getRequiredContext() {
        return Set.of(Run.class, TaskListener.class);
    }
}
