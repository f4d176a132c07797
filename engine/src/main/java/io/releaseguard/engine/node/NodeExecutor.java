package io.releaseguard.engine.node;

import io.releaseguard.engine.ReleaseGuardException;
import java.io.Serializable;

/**
 * Port: runs a {@link NodeTask} on the node of the step that promotes, and returns its answer. The Jenkins plugin
 * sends it over the agent's remoting channel; {@link #inProcess()} runs it here, as the CLI runs everything. An
 * implementation hands the task's {@link ReleaseGuardException} back as one (see {@link NodeAnswer}) and reports a
 * node it cannot reach as {@code ReleaseGuardException} too, never as an unchecked exception.
 */
public interface NodeExecutor {
    <T extends Serializable> T call(NodeTask<T> task) throws ReleaseGuardException;

    /** Runs every task in this process. */
    static NodeExecutor inProcess() {
        return new NodeExecutor() {
            @Override
            public <T extends Serializable> T call(NodeTask<T> task) throws ReleaseGuardException {
                return task.run();
            }
        };
    }
}
