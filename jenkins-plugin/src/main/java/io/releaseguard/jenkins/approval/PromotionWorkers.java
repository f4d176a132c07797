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
 * property {@code io.releaseguard.jenkins.approval.promotionThreads}. Each task runs as the build it belongs to (the
 * Pipeline's authentication, not the approver's or the timer's that happened to wake it), and the pool is shut down
 * when the plugin stops ({@code ReleaseGuardPlugin#stop}); a Jenkins started again in the same JVM gets a new pool.
 */
public final class PromotionWorkers {
    private static final Logger LOGGER = Logger.getLogger(PromotionWorkers.class.getName());
    private static final int DEFAULT_SIZE = 8;
    private static final int SIZE =
            Integer.getInteger(PromotionWorkers.class.getPackageName() + ".promotionThreads", DEFAULT_SIZE);

    /**
     * Created when first needed and dropped by {@link #shutdown}, so a Jenkins started again in the same JVM (as the
     * test harness restarts it) gets a new pool rather than one that refuses work.
     */
    private static BoundedWorkers workers;

    private PromotionWorkers() {}

    /** Runs {@code task} on a promotion thread as {@code build}. */
    public static Future<?> submit(Authentication build, Runnable task) {
        return workers()
                .submit(
                        t -> () -> {
                            try (ACLContext ignored = ACL.as2(build)) {
                                t.run();
                            }
                        },
                        task);
    }

    private static synchronized BoundedWorkers workers() {
        if (workers == null) {
            workers = new BoundedWorkers("release-guard promotion", SIZE);
        }
        return workers;
    }

    /** Interrupts running promotions (each stays resumable from the engine's journal) and refuses new ones. */
    public static void shutdown() {
        BoundedWorkers stopping;
        synchronized (PromotionWorkers.class) {
            stopping = workers;
            workers = null;
        }
        if (stopping == null) {
            return;
        }
        try {
            if (!stopping.shutdown(10, TimeUnit.SECONDS)) {
                LOGGER.log(Level.WARNING, "release-guard promotion threads still running 10 s after shutdown");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
