package io.releaseguard.engine.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;

/**
 * Waits for a server process to answer HTTP: polls {@code url} until its status satisfies {@code ready}, for at most
 * {@code timeout}. Waiting on the process between polls is the poll interval and notices an early exit at once, so
 * nothing sleeps; on failure the process's log is in the message.
 */
public final class HttpReady {
    private HttpReady() {}

    public static void await(URI url, IntPredicate ready, Process process, Path log, Duration timeout)
            throws IOException, InterruptedException {
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<Void> r = client.send(
                        HttpRequest.newBuilder(url)
                                .timeout(Duration.ofSeconds(2))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (ready.test(r.statusCode())) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (process.waitFor(200, TimeUnit.MILLISECONDS)) {
                break;
            }
        }
        process.destroyForcibly().waitFor();
        fail(url + " did not become ready within " + timeout + (process.isAlive() ? "" : " (the process exited)")
                + "; log:\n" + (Files.exists(log) ? Files.readString(log) : "(none)"));
    }
}
