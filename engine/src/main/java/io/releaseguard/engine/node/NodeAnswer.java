package io.releaseguard.engine.node;

import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.ReleaseGuardException;
import java.io.Serializable;

/**
 * What a {@link NodeTask} answered, in a form that crosses a channel: its value, or the exit code and message of
 * the {@link ReleaseGuardException} it threw. Only the message travels (engine messages are written to be shown and
 * never carry secrets or file contents); causes and stack traces stay on the node, where they may hold anything.
 *
 * @param <T> the task's answer
 */
public record NodeAnswer<T extends Serializable>(T value, ExitCode failure, String message) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Runs {@code task} here (on the node) and captures how it ended. */
    public static <T extends Serializable> NodeAnswer<T> of(NodeTask<T> task) {
        try {
            return new NodeAnswer<>(task.run(), null, null);
        } catch (ReleaseGuardException e) {
            return new NodeAnswer<>(null, e.exitCode(), e.getMessage());
        }
    }

    /** The value, or the task's failure thrown again here. */
    public T get() throws ReleaseGuardException {
        if (failure != null) {
            throw new ReleaseGuardException(failure, message);
        }
        return value;
    }
}
