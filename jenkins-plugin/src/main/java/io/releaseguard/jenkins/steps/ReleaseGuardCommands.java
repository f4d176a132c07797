package io.releaseguard.jenkins.steps;

import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.config.EnvironmentSpec;
import io.releaseguard.engine.config.ReleaseGuardConfig;
import io.releaseguard.engine.plan.Planner;
import io.releaseguard.engine.plan.PromotionPlan;
import io.releaseguard.engine.state.FileStateStore;
import io.releaseguard.jenkins.policy.PolicySource;
import io.releaseguard.jenkins.promotion.StepArguments;
import java.nio.file.Path;
import java.time.Clock;
import java.util.stream.Collectors;

/**
 * What the pipeline steps ask of the engine, with plain arguments in and engine values out. The steps only add
 * Jenkins plumbing (workspace, build log, AbortException), so everything here is unit-tested without Jenkins.
 */
public final class ReleaseGuardCommands {
    private final Clock clock;

    public ReleaseGuardCommands(Clock clock) {
        this.clock = clock;
    }

    /** Validates the policy and returns a one-line summary of what it defines. */
    public String validate(PolicySource source) throws ReleaseGuardException {
        ReleaseGuardConfig config = source.load();
        String path = config.environments().stream().map(EnvironmentSpec::name).collect(Collectors.joining(" -> "));
        return source.sourceName() + ": valid; " + count(config.environments().size(), "environment") + " (" + path
                + "), " + count(config.services().size(), "service");
    }

    /** Plans promoting {@code release} to {@code targetEnvironment}, reading promotion history from stateDir. */
    public PromotionPlan plan(PolicySource source, String release, String targetEnvironment, Path stateDir)
            throws ReleaseGuardException {
        return new Planner(clock)
                .plan(
                        source.load(),
                        StepArguments.required(ReleaseGuardPlanStep.FUNCTION, "release", release),
                        StepArguments.required(ReleaseGuardPlanStep.FUNCTION, "to", targetEnvironment),
                        new FileStateStore(stateDir, clock));
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
