package io.releaseguard.jenkins.approval;

import hudson.security.ACL;
import hudson.security.ACLContext;
import io.releaseguard.jenkins.promotion.BoundedWorkers;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.springframework.security.core.Authentication;

/**
 * The controller's promotion threads ({@link BoundedWorkers}): {@value #DEFAULT_SIZE} by default, or the system
 * property {@code io.releaseguard.jenkins.approval.promotionThreads}. Each task runs as the build it belongs to (the Pipeline's
 * authentication, not the approver's or the timer's that happened to wake it), and the pool is shut down when the
 * plugin stops ({@code ReleaseGuardPlugin#stop}).
 */
public final class PromotionWorkers {
    private static final Logger LOGGER = Logger.getLogger(PromotionWorkers.class.getName());
    private static final int DEFAULT_SIZE = 8;
    private static final BoundedWorkers WORKERS = new BoundedWorkers(
            "release-guard promotion",
            Integer.getInteger(PromotionWorkers.class.getPackageName() + ".promotionThreads", DEFAULT_SIZE));

    private PromotionWorkers() {}

    /** Runs {@code task} on a promotion thread as {@code build}. */
    public static Future<?> submit(Authentication build, Runnable task) {
        return WORKERS.submit(
                t -> () -> {
                    try (ACLContext ignored = ACL.as2(build)) {
                        t.run();
                    }
                },
                task);
    }

    /** Interrupts running promotions (each stays resumable from the engine's journal) and refuses new ones. */
    public static void shutdown() {
        try {
            if (!WORKERS.shutdown(10, TimeUnit.SECONDS)) {
                LOGGER.log(Level.WARNING, "release-guard promotion threads still running 10 s after shutdown");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
