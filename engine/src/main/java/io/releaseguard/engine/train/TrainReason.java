package io.releaseguard.engine.train;

/** Stable reason codes of train and release-candidate refusals; messages start with the code. */
public enum TrainReason {
    /** The tag has not been live in its environment for the track's soak period. */
    SOAK,
    /** The tag was never deployed successfully to the environment its soak is measured in. */
    NOT_DEPLOYED,
    /** A successfully deployed hotfix is not contained in the commit about to be promoted. */
    ROLL_FORWARD,
    /** A hotfix commit does not descend from the tag it patches. */
    NOT_DESCENDANT,
    /** Another cutter created the tag first (locally or on the remote). */
    TAG_CONFLICT,
    /** Some approver group has not approved the release candidate. */
    APPROVALS,
    /** The release candidate was abandoned or already promoted. */
    RC_CLOSED,
    /** The user is in no approver group. */
    NOT_APPROVER
}
