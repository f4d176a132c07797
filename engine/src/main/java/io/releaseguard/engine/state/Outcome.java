package io.releaseguard.engine.state;

/**
 * How a deployment ended, or {@link #RUNNING} while it has not. Only {@link #SUCCEEDED} counts as the environment's
 * last good release; {@link #ROLLBACK_FAILED} means a human is needed.
 */
public enum Outcome {
    RUNNING,
    SUCCEEDED,
    FAILED,
    ROLLED_BACK,
    ROLLBACK_FAILED,
    /** Interrupted, then overtaken by another promotion that went live; never resumed. */
    SUPERSEDED;

    /** True for every outcome but {@link #RUNNING}. */
    public boolean isFinal() {
        return this != RUNNING;
    }
}
