package io.releaseguard.cli.demo;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP servers of one demo world on ephemeral 127.0.0.1 ports, sharing one bounded handler pool and one timer for
 * delayed answers. Every thread they use, the JDK's own dispatcher and idle timers included, lives in one thread
 * group, so {@link #close} can wait until each has ended instead of hoping it will.
 */
final class LoopbackServers implements AutoCloseable {
    private static final int BACKLOG = 1024;
    private static final long JOIN_MILLIS = 5_000;

    private final String name;
    private final ThreadGroup group;
    private final ThreadPoolExecutor handlers;
    private final ScheduledExecutorService delays;
    private final List<HttpServer> servers = new ArrayList<>();

    LoopbackServers(String name, int threads) {
        // Like nginx: no Nagle delay between headers and body on kept-alive connections (read once, by the first
        // server in this JVM); without it every keep-alive answer can stall 40 ms on delayed ACKs.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        this.name = name;
        this.group = new ThreadGroup(name);
        AtomicInteger n = new AtomicInteger();
        this.handlers = new ThreadPoolExecutor(
                threads,
                threads,
                30,
                TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(),
                r -> thread(r, name + "-http-" + n.incrementAndGet()));
        this.delays = Executors.newSingleThreadScheduledExecutor(r -> thread(r, name + "-delay"));
    }

    /**
     * Starts one server per handler, in order. The JDK starts a server's dispatcher and timer threads in the caller's
     * thread group, so the servers are created from a thread of ours.
     */
    List<HttpServer> start(List<HttpHandler> handlersInOrder) throws IOException {
        FutureTask<List<HttpServer>> task = new FutureTask<>(() -> {
            List<HttpServer> started = new ArrayList<>();
            for (HttpHandler h : handlersInOrder) {
                HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), BACKLOG);
                s.createContext("/", h);
                s.setExecutor(handlers);
                synchronized (servers) {
                    servers.add(s);
                }
                s.start();
                started.add(s);
            }
            return started;
        });
        Thread starter = thread(task, name + "-starter");
        starter.start();
        return await(task);
    }

    /** Runs {@code action} after {@code delay} on the world's timer; dropped if the world closes first. */
    void later(Duration delay, Runnable action) {
        delays.schedule(action, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** {@code http://127.0.0.1:<port>} of a started server. */
    static String url(HttpServer server) {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Stops every server (open exchanges are cut), then waits for every thread of the world to end. */
    @Override
    public void close() {
        synchronized (servers) {
            servers.forEach(s -> s.stop(0));
            servers.clear();
        }
        delays.shutdownNow();
        handlers.shutdownNow();
        try {
            delays.awaitTermination(JOIN_MILLIS, TimeUnit.MILLISECONDS);
            handlers.awaitTermination(JOIN_MILLIS, TimeUnit.MILLISECONDS);
            Thread[] live = new Thread[group.activeCount() + 16];
            int count = group.enumerate(live);
            for (int i = 0; i < count; i++) {
                live[i].join(JOIN_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Thread thread(Runnable r, String threadName) {
        Thread t = new Thread(group, r, threadName);
        t.setDaemon(true);
        return t;
    }

    private static <T> T await(FutureTask<T> task) throws IOException {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting the demo servers", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException("could not start the demo servers", e.getCause());
        }
    }
}
