package io.releaseguard.jenkins.steps;

import hudson.AbortException;
import hudson.FilePath;
import hudson.model.TaskListener;
import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.jenkins.node.AgentNode;
import io.releaseguard.jenkins.policy.PolicySource;
import io.releaseguard.jenkins.policy.ReleaseGuardGlobalConfiguration;
import io.releaseguard.jenkins.promotion.StepNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Optional;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;

/**
 * Runs one engine command for a step: finds the policy (workspace file, else the global policy), hands it to the
 * command, and is the one place where an engine {@link ReleaseGuardException} becomes an {@link AbortException}, so
 * the build fails with the engine's message and no stack trace.
 */
abstract class PolicyStepExecution<T> extends SynchronousNonBlockingStepExecution<T> {
    private static final long serialVersionUID = 1L;

    private final String config;

    PolicyStepExecution(StepContext context, String config) {
        super(context);
        this.config = config;
    }

    /**
     * The command itself: plain values in, the step's return value out; prints to {@code log}. {@code node} is the
     * step's node (empty outside {@code node {}}), where a workspace policy's files are read.
     */
    protected abstract T run(
            ReleaseGuardCommands commands, PolicySource policy, Optional<StepNode> node, PrintStream log)
            throws ReleaseGuardException;

    @Override
    protected final T run() throws Exception {
        PrintStream log = getContext().get(TaskListener.class).getLogger();
        FilePath workspace = getContext().get(FilePath.class);
        try {
            return run(new ReleaseGuardCommands(Clock.systemUTC()), policy(workspace), AgentNode.ifAny(workspace), log);
        } catch (ReleaseGuardException e) {
            throw new AbortException(e.getMessage());
        }
    }

    private PolicySource policy(FilePath workspace) throws Exception {
        String path = PolicySource.requireWorkspacePath(config);
        Optional<PolicySource> file = fromWorkspace(workspace, path);
        if (file.isPresent()) {
            return file.get();
        }
        return ReleaseGuardGlobalConfiguration.get()
                .fallbackFor(path, workspace == null ? null : workspace.getRemote());
    }

    /** The policy file {@code path} in {@code workspace}; empty without a workspace or without that file. */
    static Optional<PolicySource> fromWorkspace(FilePath workspace, String path)
            throws IOException, InterruptedException, ReleaseGuardException {
        if (workspace == null) {
            return Optional.empty();
        }
        FilePath file = workspace.child(path);
        if (!file.exists()) {
            return Optional.empty();
        }
        try (InputStream in = file.read()) {
            return Optional.of(PolicySource.fromWorkspace(path, workspace.getRemote(), in));
        }
    }
}
