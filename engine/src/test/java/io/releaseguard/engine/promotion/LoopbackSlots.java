package io.releaseguard.engine.promotion;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.releaseguard.engine.testing.Scripts;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Blue/green targets on loopback (the service "api", or the tenants of the fleet "web"), driven by real deploy
 * commands in {@link #dir} (the policy's folder, where local commands run): {@code start.sh RELEASE TARGET} brings a
 * version up ({@code started.log}), {@code switch.sh RELEASE TARGET} points the target's traffic at it ({@code
 * active-TARGET.txt}, {@code switches.log}), {@code retire.sh} would stop the old one ({@code retired.log}). {@code
 * /live/TARGET/health} answers for the active version, {@code /preview/RELEASE/TARGET/health} for a started one (503
 * before it started). A release (or {@code release@target}) can be broken at its preview, under live traffic only,
 * or merely cold (a warn-level finding).
 */
final class LoopbackSlots implements AutoCloseable {
    static final List<String> TENANTS = List.of("t00", "t01", "t02", "t03");

    final Path dir;
    final Set<String> brokenPreview = ConcurrentHashMap.newKeySet();
    final Set<String> brokenLive = ConcurrentHashMap.newKeySet();
    final Set<String> cold = ConcurrentHashMap.newKeySet();
    private final HttpServer server;
    private volatile Runnable onPreview = () -> {};

    LoopbackSlots(Path dir) throws IOException {
        this.dir = dir;
        script("start.sh", "echo \"$1 $2 $RELEASE_GUARD_IDEMPOTENCY_KEY\" >> started.log");
        script(
                "switch.sh",
                "echo \"$1\" > \"active-$2.txt\"\necho \"$1 $2 $RELEASE_GUARD_IDEMPOTENCY_KEY\" >> switches.log");
        script("retire.sh", "echo \"retire $*\" >> retired.log");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    private void script(String name, String body) throws IOException {
        Scripts.executable(dir.resolve(name), "#!/bin/sh\n" + body + "\n");
    }

    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Runs {@code hook} when a preview is first asked for (between a start and its switch). */
    void onPreview(Runnable hook) {
        onPreview = hook;
    }

    /** The release serving the target's live traffic, or "none". */
    String active(String target) throws IOException {
        Path f = dir.resolve("active-" + target + ".txt");
        return Files.exists(f) ? Files.readString(f).strip() : "none";
    }

    /** A log's lines. */
    List<String> log(String name) throws IOException {
        Path f = dir.resolve(name);
        return Files.exists(f) ? Files.readAllLines(f) : List.of();
    }

    /** {@code RELEASE TARGET STEP} per line of a log, the step being the last part of the idempotency key. */
    List<String> steps(String name) throws IOException {
        return log(name).stream()
                .map(l -> l.substring(0, l.lastIndexOf(' ')) + " " + l.substring(l.lastIndexOf('/') + 1))
                .collect(Collectors.toList());
    }

    private void handle(HttpExchange ex) throws IOException {
        String[] p = ex.getRequestURI().getPath().split("/");
        if (p.length == 2 && p[1].equals("tenants")) {
            LoopbackFleet.send(
                    ex,
                    200,
                    TENANTS.stream()
                            .map(t -> "{\"name\":\"" + t + "\",\"url\":\"" + base() + "/live/" + t + "\"}")
                            .collect(Collectors.joining(",", "[", "]")));
        } else if (p.length == 4 && p[1].equals("live")) {
            String v = active(p[2]);
            send(ex, 200, v, brokenLive.contains(v));
        } else if (p.length == 5 && p[1].equals("preview")) {
            Runnable hook = onPreview;
            onPreview = () -> {};
            hook.run();
            String release = p[2];
            String target = p[3];
            boolean started = log("started.log").stream().anyMatch(l -> l.startsWith(release + " " + target + " "));
            boolean broken = brokenPreview.contains(release) || brokenPreview.contains(release + "@" + target);
            send(ex, started ? 200 : 503, release, broken || !started);
        } else {
            send(ex, 404, "", true);
        }
    }

    private void send(HttpExchange ex, int status, String version, boolean broken) throws IOException {
        LoopbackFleet.send(
                ex,
                status,
                "{\"status\":\"" + (broken ? "broken" : "ok") + "\",\"version\":\"" + version + "\",\"warm\":"
                        + !cold.contains(version) + "}");
    }

    /**
     * A policy: testnet, and either the service "api" or the fleet "web" (canary 1, batches of 2) deployed blue/green
     * by the scripts and checked at /health.
     */
    String policy(boolean fleet) {
        String where = fleet
                ? """
                  - name: web
                    tenantsUrl: { testnet: "%1$s/tenants" }
                    fleet: { canary: 1, batchSize: 2 }
                """
                : """
                  - name: api
                    endpoints: { testnet: "%1$s/live/api" }
                """;
        String target = fleet ? "{tenant}" : "api";
        return ("""
                version: 1
                environments:
                  - name: testnet
                services:
                """
                        + where
                        + """
                    health:
                      - name: ready
                        path: /health
                        json:
                          - { pointer: /status, equals: ok }
                          - { pointer: /version, equals: "${release}" }
                          - { pointer: /warm, equals: "true", severity: warn }
                    deploy:
                      blueGreen:
                        start: "./start.sh {release} %2$s"
                        switch: "./switch.sh {release} %2$s"
                        retire: "./retire.sh"
                        preview: { testnet: "%1$s/preview/{release}/%2$s" }
                """)
                .formatted(base(), target);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
