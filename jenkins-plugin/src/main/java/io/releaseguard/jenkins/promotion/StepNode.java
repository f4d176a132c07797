package io.releaseguard.jenkins.promotion;

import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.node.NodeExecutor;

/**
 * The node a step runs on, as the engine sees it: where its tasks run and the workspace's path there. A promotion
 * always needs one (its deploys, checks and SSH connections run there, never on the controller); validate and plan
 * need one for a workspace policy (its files are read there).
 */
public record StepNode(NodeExecutor executor, String workspace) {

    /** Refuses a step without a workspace, which is one used outside {@code node {}}. */
    public static void requireWorkspace(String function, String workspace) throws ReleaseGuardException {
        if (workspace == null) {
            throw new ReleaseGuardException(
                    ExitCode.INVALID,
                    function + " needs a node: run it inside node { ... }. Deploys, health checks, SSH, git and the"
                            + " files a policy names are handled on the build's agent, never on the controller");
        }
    }
}
