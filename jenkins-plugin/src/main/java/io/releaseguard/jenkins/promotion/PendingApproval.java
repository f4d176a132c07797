package io.releaseguard.jenkins.promotion;

import java.io.Serializable;

/**
 * A promotion a build waits on for approvals, as its approval page keeps it (in {@code build.xml}): the engine's
 * promotion id and the task that requested it, so the page can answer and take decisions even before the paused
 * step is back in memory after a restart.
 */
public final class PendingApproval implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String promotionId;
    private final PromotionTask task;

    public PendingApproval(String promotionId, PromotionTask task) {
        this.promotionId = promotionId;
        this.task = task;
    }

    public String promotionId() {
        return promotionId;
    }

    public PromotionTask task() {
        return task;
    }
}
