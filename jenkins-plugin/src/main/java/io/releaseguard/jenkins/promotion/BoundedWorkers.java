package io.releaseguard.jenkins.promotion;

import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * The threads promotion steps run the engine on: at most {@code size} at once (more attempts queue in submission
 * order rather than each getting a thread of its own), idle threads end after a minute, every task runs inside the
 * context {@code around} gives it (in Jenkins: the build's authentication), and {@link #shutdown} interrupts what
 * runs and refuses new work, as the plugin does when Jenkins stops. Threads are daemons named {@code name #N}.
 */
public final class BoundedWorkers {
    private final ThreadPoolExecutor pool;

    public BoundedWorkers(String name, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("a pool needs at least one thread, not " + size);
        }
        AtomicInteger count = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(size, size, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, name + " #" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        pool.allowCoreThreadTimeOut(true);
    }

    /**
     * Runs {@code task} on a worker inside the context {@code around} wraps it in, which is applied on the worker
     * thread; fails with {@link RejectedExecutionException} once the pool is shut down.
     */
    public Future<?> submit(UnaryOperator<Runnable> around, Runnable task) {
        return pool.submit(around.apply(task));
    }

    /** Interrupts running tasks, drops queued ones, refuses new ones, and waits up to {@code wait} for the threads. */
    public boolean shutdown(long wait, TimeUnit unit) throws InterruptedException {
        pool.shutdownNow();
        return pool.awaitTermination(wait, unit);
    }

    /** Threads running a task now. */
    public int active() {
        return pool.getActiveCount();
    }

    public int size() {
        return pool.getMaximumPoolSize();
    }
}
