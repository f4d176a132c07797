package io.releaseguard.jenkins.steps;

import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.calendar.HttpAndFileIcsFetcher;
import io.releaseguard.engine.calendar.IcsFetcher;
import io.releaseguard.engine.config.EnvironmentSpec;
import io.releaseguard.engine.config.ReleaseGuardConfig;
import io.releaseguard.engine.node.NodeSite;
import io.releaseguard.engine.node.NodeWiring;
import io.releaseguard.engine.plan.Planner;
import io.releaseguard.engine.plan.PromotionPlan;
import io.releaseguard.engine.state.FileStateStore;
import io.releaseguard.jenkins.policy.PolicySource;
import io.releaseguard.jenkins.promotion.StepArguments;
import io.releaseguard.jenkins.promotion.StepNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
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

    /** Validates an administrator's policy (no node needed) and returns a one-line summary of what it defines. */
    public String validate(PolicySource source) throws ReleaseGuardException {
        return validate(source, Optional.empty());
    }

    /**
     * Validates the policy and returns a one-line summary of what it defines; a workspace policy is loaded on the
     * step's {@code node} first, where its files are read and confined to the workspace.
     */
    public String validate(PolicySource source, Optional<StepNode> node) throws ReleaseGuardException {
        ReleaseGuardConfig config = load(source, node);
        String path = config.environments().stream().map(EnvironmentSpec::name).collect(Collectors.joining(" -> "));
        return source.sourceName() + ": valid; " + count(config.environments().size(), "environment") + " (" + path
                + "), " + count(config.services().size(), "service");
    }

    /** Plans under an administrator's policy without a node, reading promotion history from stateDir. */
    public PromotionPlan plan(PolicySource source, String release, String targetEnvironment, Path stateDir)
            throws ReleaseGuardException {
        return plan(source, Optional.empty(), release, targetEnvironment, stateDir);
    }

    /**
     * Plans promoting {@code release} to {@code targetEnvironment}, reading promotion history from stateDir; a
     * workspace policy is loaded on {@code node} and its ICS calendars are read there.
     */
    public PromotionPlan plan(
            PolicySource source, Optional<StepNode> node, String release, String targetEnvironment, Path stateDir)
            throws ReleaseGuardException {
        ReleaseGuardConfig config = load(source, node);
        IcsFetcher ics = node.map(
                        n -> NodeWiring.icsFetcher(n.executor(), new NodeSite(source.onNode(n.workspace()), Map.of())))
                .orElseGet(() -> new HttpAndFileIcsFetcher(Duration.ofSeconds(10)));
        return new Planner(clock, ics)
                .plan(
                        config,
                        StepArguments.required(ReleaseGuardPlanStep.FUNCTION, "release", release),
                        StepArguments.required(ReleaseGuardPlanStep.FUNCTION, "to", targetEnvironment),
                        new FileStateStore(stateDir, clock));
    }

    /**
     * The policy as a step uses it: a workspace policy is first loaded on the node (its files read there, confined to
     * the workspace), then here without reading anything it names; an administrator's policy is loaded here.
     */
    static ReleaseGuardConfig load(PolicySource source, Optional<StepNode> node) throws ReleaseGuardException {
        if (source.fromWorkspace()) {
            if (node.isEmpty()) {
                throw new ReleaseGuardException(
                        ExitCode.INVALID,
                        source.sourceName() + " is a workspace policy: it is read on the build's node");
            }
            NodeWiring.checkOnNode(
                    node.get().executor(), source.onNode(node.get().workspace()));
        }
        return source.load();
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
