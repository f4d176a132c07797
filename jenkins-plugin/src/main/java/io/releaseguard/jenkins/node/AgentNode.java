package io.releaseguard.jenkins.node;

import hudson.FilePath;
import hudson.remoting.VirtualChannel;
import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.node.NodeAnswer;
import io.releaseguard.engine.node.NodeExecutor;
import io.releaseguard.engine.node.NodeTask;
import io.releaseguard.jenkins.promotion.StepNode;
import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import java.util.Optional;
import jenkins.MasterToSlaveFileCallable;

/**
 * The engine's {@link NodeExecutor} over the step's workspace: each task is sent with {@link FilePath#act} to the
 * node that holds the workspace and runs there, so a deploy command, an SSH connection, a probe or a file the policy
 * names is the agent's, never the controller's. The controller only sends the task and reads its answer. (On the
 * built-in node the task runs in the controller's JVM, as every step there does; Jenkins recommends giving the
 * built-in node no executors.)
 */
public final class AgentNode implements NodeExecutor {
    private final FilePath workspace;

    private AgentNode(FilePath workspace) {
        this.workspace = workspace;
    }

    /** The node of a step whose workspace is {@code workspace}; refused outside {@code node {}} (no workspace). */
    public static StepNode of(String function, FilePath workspace) throws ReleaseGuardException {
        StepNode.requireWorkspace(function, workspace == null ? null : workspace.getRemote());
        return new StepNode(new AgentNode(workspace), workspace.getRemote());
    }

    /** The node of a step, when it runs inside {@code node {}}. */
    public static Optional<StepNode> ifAny(FilePath workspace) {
        return workspace == null
                ? Optional.empty()
                : Optional.of(new StepNode(new AgentNode(workspace), workspace.getRemote()));
    }

    @Override
    public <T extends Serializable> T call(NodeTask<T> task) throws ReleaseGuardException {
        NodeAnswer<T> answer;
        try {
            answer = workspace.act(new OnNode<>(task));
        } catch (IOException e) {
            throw new ReleaseGuardException(
                    ExitCode.UNEXPECTED, "the build's node did not answer (" + workspace.getRemote() + "): " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReleaseGuardException(ExitCode.UNEXPECTED, "interrupted while the build's node was working");
        }
        return answer.get();
    }

    /** Runs the task on the node; its failure comes back as a value, never as an exception with a cause. */
    private static final class OnNode<T extends Serializable> extends MasterToSlaveFileCallable<NodeAnswer<T>> {
        private static final long serialVersionUID = 1L;

        private final NodeTask<T> task;

        OnNode(NodeTask<T> task) {
            this.task = task;
        }

        @Override
        public NodeAnswer<T> invoke(File workspace, VirtualChannel channel) {
            return NodeAnswer.of(task);
        }
    }
}
