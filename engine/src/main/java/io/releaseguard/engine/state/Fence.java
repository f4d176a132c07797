package io.releaseguard.engine.state;

import io.releaseguard.engine.ReleaseGuardException;

/**
 * What a promotion's writer consults right before each production call and state write: {@link #check} throws
 * {@link StaleLeaseException} once the environment's lock was taken over (the writer must stop without touching
 * anything), and {@link #token} is the fencing token handed to deploy targets so they can refuse a stale writer.
 */
public interface Fence {

    /** A fence that never refuses, for writes made outside any lock (requests, approvals); its token is 0. */
    Fence NONE = new Fence() {
        @Override
        public void check() {}

        @Override
        public long token() {
            return 0;
        }
    };

    /** Throws {@link StaleLeaseException} unless this writer still holds the lock it was issued. */
    void check() throws ReleaseGuardException;

    /** The fencing token this writer holds; 0 for {@link #NONE}. */
    long token();
}
