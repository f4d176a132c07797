package io.releaseguard.engine.health;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback HTTP/1.1 server on raw sockets that serves every bad case a health endpoint can present, so the probe is
 * tested against real TCP behaviour (slow drips, resets, huge bodies) rather than mocks. One request per connection.
 */
final class BadHttpServer implements AutoCloseable {
    static final String OK_JSON = "{\"status\":\"ok\",\"version\":\"R1\",\"db\":{\"latencyMs\":12},\"queue\":{}}";
    static final long HUGE = 100L * 1024 * 1024;

    private final ServerSocket server;
    private final ExecutorService connections = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "bad-http-server");
        t.setDaemon(true);
        return t;
    });
    private final ScheduledExecutorService drip = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bad-http-drip");
        t.setDaemon(true);
        return t;
    });
    /** Bytes of body written for /huge*, to prove the client stopped reading. */
    final AtomicLong hugeBytesSent = new AtomicLong();

    final AtomicInteger flakyCalls = new AtomicInteger();
    /** Connections on which {@code /stale} answered its first request and then closed on the next one unanswered. */
    final AtomicInteger staleClosed = new AtomicInteger();
    /** {@code /stale} holds its first answers until this many connections wait, so that many end up pooled. */
    volatile java.util.concurrent.CyclicBarrier staleTogether = null;

    private final java.util.Queue<Socket> silent = new java.util.concurrent.ConcurrentLinkedQueue<>();

    BadHttpServer() throws IOException {
        server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        connections.execute(this::acceptLoop);
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getLocalPort() + path;
    }

    int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                connections.execute(() -> serve(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try {
            String path = readRequestPath(s.getInputStream());
            OutputStream out = s.getOutputStream();
            switch (path) {
                case "/ok" -> respond(out, 200, "application/json", OK_JSON.getBytes(StandardCharsets.UTF_8));
                case "/html" -> respond(
                        out,
                        200,
                        "text/html",
                        "<html><body><h1>Internal error</h1></body></html>".getBytes(StandardCharsets.UTF_8));
                case "/wrong" -> respond(
                        out,
                        200,
                        "application/json",
                        "{\"status\":\"degraded\",\"version\":\"R0\",\"db\":{\"latencyMs\":900}}"
                                .getBytes(StandardCharsets.UTF_8));
                case "/nocontent" -> head(out, "HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n");
                case "/redirect" -> head(
                        out,
                        "HTTP/1.1 302 Found\r\nLocation: /login?next=%2Fhealth\r\nContent-Length: 0\r\n"
                                + "Connection: close\r\n\r\n");
                case "/badutf8" -> respond(out, 200, "application/json", new byte[] {
                    '{', '"', 's', '"', ':', '"', (byte) 0xFF, (byte) 0xFE, '"', '}'
                });
                case "/flaky" -> {
                    if (flakyCalls.incrementAndGet() < 3) {
                        respond(out, 503, "text/plain", "busy".getBytes(StandardCharsets.UTF_8));
                    } else {
                        respond(out, 200, "application/json", OK_JSON.getBytes(StandardCharsets.UTF_8));
                    }
                }
                case "/silent" -> {
                    // Never answers; the socket stays open until the server closes.
                    silent.add(s);
                    return;
                }
                case "/huge" -> huge(out, false);
                case "/huge-declared" -> huge(out, true);
                case "/drip" -> {
                    head(out, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n");
                    dripOneByteEvery100ms(s, out);
                    return;
                }
                case "/stale" -> {
                    // A keep-alive answer; then the server drops the connection the moment the client reuses it,
                    // as servers do with idle or surplus connections (the race every pooling client meets).
                    java.util.concurrent.CyclicBarrier together = staleTogether;
                    if (together != null) {
                        try {
                            together.await(10, TimeUnit.SECONDS);
                        } catch (InterruptedException
                                | java.util.concurrent.BrokenBarrierException
                                | java.util.concurrent.TimeoutException e) {
                            throw new IOException("connections did not arrive together", e);
                        }
                    }
                    head(
                            out,
                            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + OK_JSON.length()
                                    + "\r\n\r\n" + OK_JSON);
                    readRequestPath(s.getInputStream());
                    staleClosed.incrementAndGet();
                    s.setSoLinger(true, 0);
                }
                case "/reset" -> {
                    head(out, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 10000\r\n\r\n");
                    out.write(new byte[100]);
                    out.flush();
                    s.setSoLinger(true, 0);
                }
                default -> respond(out, 404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8));
            }
            s.close();
        } catch (IOException e) {
            closeQuietly(s);
        }
    }

    private void dripOneByteEvery100ms(Socket s, OutputStream out) {
        AtomicInteger sent = new AtomicInteger();
        var task = new java.util.concurrent.atomic.AtomicReference<java.util.concurrent.ScheduledFuture<?>>();
        task.set(drip.scheduleAtFixedRate(
                () -> {
                    try {
                        out.write(' ');
                        out.flush();
                        if (sent.incrementAndGet() >= 1000) {
                            throw new IOException("done");
                        }
                    } catch (IOException e) {
                        closeQuietly(s);
                        throw new IllegalStateException("stop", e);
                    }
                },
                100,
                100,
                TimeUnit.MILLISECONDS));
    }

    private void huge(OutputStream out, boolean declared) throws IOException {
        head(
                out,
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                        + (declared ? "Content-Length: " + HUGE + "\r\n" : "Transfer-Encoding: chunked\r\n")
                        + "Connection: close\r\n\r\n");
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) 'a');
        byte[] chunkHead = (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        for (long sent = 0; sent < HUGE; sent += chunk.length) {
            if (!declared) {
                out.write(chunkHead);
            }
            out.write(chunk);
            if (!declared) {
                out.write('\r');
                out.write('\n');
            }
            hugeBytesSent.addAndGet(chunk.length);
        }
        if (!declared) {
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.flush();
    }

    private static void respond(OutputStream out, int status, String type, byte[] body) throws IOException {
        head(
                out,
                "HTTP/1.1 " + status + " X\r\nContent-Type: " + type + "\r\nContent-Length: " + body.length
                        + "\r\nConnection: close\r\n\r\n");
        out.write(body);
        out.flush();
    }

    private static void head(OutputStream out, String head) throws IOException {
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** The request path, or "" for anything that is not an HTTP request line (a TLS ClientHello, say). */
    private static String readRequestPath(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            head.append((char) c);
            if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                break;
            }
            if (head.length() > 8192 || (head.length() == 1 && !Character.isLetter(c))) {
                return "";
            }
        }
        String[] line = head.toString().split(" ", 3);
        return line.length < 2 ? "" : line[1];
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : silent) {
            closeQuietly(s);
        }
        drip.shutdownNow();
        connections.shutdownNow();
    }
}
