package io.releaseguard.engine.node;

import io.releaseguard.engine.ReleaseGuardException;
import java.io.Serializable;

/**
 * One piece of a promotion's I/O, sent to the node that runs the step and run there: a deploy, a probe, a file or
 * a command on a target, a git lookup. A task carries only plain, serializable values (the policy's text, the
 * step's environment, the request) and rebuilds the adapters it needs on the node, so nothing of the controller
 * (its state, its files, its JVM) travels with it.
 *
 * @param <T> the serializable answer sent back
 */
@FunctionalInterface
public interface NodeTask<T extends Serializable> extends Serializable {
    /** Runs on the node. */
    T run() throws ReleaseGuardException;
}
