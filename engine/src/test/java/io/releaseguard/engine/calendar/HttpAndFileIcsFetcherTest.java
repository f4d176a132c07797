package io.releaseguard.engine.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpAndFileIcsFetcherTest {
    private final HttpAndFileIcsFetcher fetcher = new HttpAndFileIcsFetcher(Duration.ofSeconds(5));
    private HttpServer server;

    @TempDir
    Path dir;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/ok.ics", e -> {
            byte[] body = "BEGIN:VCALENDAR".getBytes();
            e.sendResponseHeaders(200, body.length);
            e.getResponseBody().write(body);
            e.close();
        });
        server.createContext("/missing.ics", e -> {
            e.sendResponseHeaders(404, -1);
            e.close();
        });
        server.createContext("/moved.ics", e -> {
            e.getResponseHeaders().add("Location", "http://example.org/other.ics");
            e.sendResponseHeaders(302, -1);
            e.close();
        });
        server.createContext("/huge.ics", e -> {
            e.sendResponseHeaders(200, 0);
            byte[] chunk = new byte[64 * 1024];
            try (var out = e.getResponseBody()) {
                for (long sent = 0; sent <= HttpAndFileIcsFetcher.MAX_BYTES; sent += chunk.length) {
                    out.write(chunk);
                }
            } catch (IOException closedByClient) {
                // the client stops reading at the limit
            }
        });
        server.createContext("/drip.ics", e -> {
            e.sendResponseHeaders(200, 100);
            try (var out = e.getResponseBody()) {
                // A byte every 50 ms, for 5 s at most: far past a 1 s fetch timeout.
                for (int i = 0; i < 100; i++) {
                    out.write('x');
                    out.flush();
                    dripped.await(50, java.util.concurrent.TimeUnit.MILLISECONDS);
                }
            } catch (IOException | InterruptedException closedByClient) {
                // the client gave up
            }
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    /** Never counted down: the drip waits on it as a clock-free pause that ends when the test does. */
    private final java.util.concurrent.CountDownLatch dripped = new java.util.concurrent.CountDownLatch(1);

    @AfterEach
    void stop() {
        dripped.countDown();
        server.stop(0);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Test
    void readsFilesRelativeToThePolicyAndLoopbackUrls() throws IOException {
        Files.writeString(dir.resolve("h.ics"), "BEGIN:VCALENDAR");
        assertThat(fetcher.fetch("h.ics", dir)).isEqualTo("BEGIN:VCALENDAR");
        assertThat(fetcher.fetch(url("/ok.ics"), dir)).isEqualTo("BEGIN:VCALENDAR");
    }

    @Test
    void refusesErrorsRedirectsOversizedBodiesAndPlainHttpElsewhere() {
        assertThatThrownBy(() -> fetcher.fetch(url("/missing.ics"), dir)).hasMessage("HTTP 404");
        assertThatThrownBy(() -> fetcher.fetch(url("/moved.ics"), dir)).hasMessage("HTTP 302");
        assertThatThrownBy(() -> fetcher.fetch(url("/huge.ics"), dir))
                .hasMessage("larger than " + HttpAndFileIcsFetcher.MAX_BYTES + " bytes");
        assertThatThrownBy(() -> fetcher.fetch("http://calendar.example.org/h.ics", dir))
                .hasMessage("plain http is allowed only for loopback hosts; use https");
    }

    @Test
    void aBodyDrippedAfterTheHeadersCannotHoldTheFetchPastItsTimeout() {
        HttpAndFileIcsFetcher quick = new HttpAndFileIcsFetcher(Duration.ofSeconds(1));
        long start = System.nanoTime();

        assertThatThrownBy(() -> quick.fetch(url("/drip.ics"), dir))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("no complete response within 1s");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }
}
