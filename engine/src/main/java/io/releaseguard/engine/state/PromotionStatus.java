package io.releaseguard.engine.state;

/**
 * Where a promotion request stands. It starts {@link #PENDING}, becomes {@link #APPROVED} or {@link #REJECTED} by
 * the approval policy, {@link #DEPLOYING} once it holds the environment lock, and ends {@link #DONE} or
 * {@link #CANCELLED}, or {@link #SUPERSEDED} when it was interrupted and another promotion went live in its
 * environment before it was run again (it is never resumed forward).
 */
public enum PromotionStatus {
    PENDING,
    APPROVED,
    REJECTED,
    DEPLOYING,
    DONE,
    CANCELLED,
    SUPERSEDED
}
