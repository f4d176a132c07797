package io.releaseguard.jenkins.promotion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The promotion threads: bounded, each task in its context, stopped for good by a shutdown. */
class BoundedWorkersTest {
    private final BoundedWorkers workers = new BoundedWorkers("test promotion", 2);

    @AfterEach
    void stop() throws InterruptedException {
        workers.shutdown(5, TimeUnit.SECONDS);
    }

    @Test
    void noMoreTasksRunAtOnceThanThePoolHasThreadsAndTheRestQueueInOrder() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch twoRunning = new CountDownLatch(2);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        List<Integer> order = new CopyOnWriteArrayList<>();
        List<Future<?>> futures = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int n = i;
            futures.add(workers.submit(UnaryOperator.identity(), () -> {
                most.accumulateAndGet(running.incrementAndGet(), Math::max);
                order.add(n);
                twoRunning.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                running.decrementAndGet();
            }));
        }
        assertTrue(twoRunning.await(5, TimeUnit.SECONDS));
        assertEquals(2, workers.active());
        assertEquals(List.of(0, 1), List.copyOf(order).stream().sorted().toList());

        release.countDown();
        for (Future<?> f : futures) {
            f.get(5, TimeUnit.SECONDS);
        }

        assertEquals(2, most.get());
        assertEquals(List.of(2, 3, 4), order.subList(2, 5).stream().sorted().toList());
    }

    @Test
    void everyTaskRunsInsideItsContextOnTheWorkerThread() throws Exception {
        ThreadLocal<String> who = new ThreadLocal<>();
        List<String> seen = new CopyOnWriteArrayList<>();
        UnaryOperator<Runnable> asBuild = t -> () -> {
            who.set("build #7");
            try {
                t.run();
            } finally {
                who.remove();
            }
        };

        workers.submit(
                        asBuild,
                        () -> seen.add(
                                who.get() + " on " + Thread.currentThread().getName()))
                .get(5, TimeUnit.SECONDS);
        workers.submit(UnaryOperator.identity(), () -> seen.add(String.valueOf(who.get())))
                .get(5, TimeUnit.SECONDS);

        assertTrue(seen.get(0).startsWith("build #7 on test promotion #"), seen.get(0));
        assertEquals("null", seen.get(1), "a context does not leak into the next task on the same thread");
    }

    @Test
    void aShutdownInterruptsWhatRunsAndRefusesNewWork() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        workers.submit(UnaryOperator.identity(), () -> {
            started.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
        });
        assertTrue(started.await(5, TimeUnit.SECONDS));

        assertTrue(workers.shutdown(5, TimeUnit.SECONDS));

        assertTrue(interrupted.await(5, TimeUnit.SECONDS));
        assertThrows(RejectedExecutionException.class, () -> workers.submit(UnaryOperator.identity(), () -> {}));
    }

    @Test
    void aPoolNeedsAThread() {
        assertThrows(IllegalArgumentException.class, () -> new BoundedWorkers("none", 0));
    }
}
