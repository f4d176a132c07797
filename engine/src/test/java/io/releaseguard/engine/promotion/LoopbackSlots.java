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

/**
 * A blue/green service on loopback, driven by real deploy commands in {@link #dir} (the policy's folder, where local
 * commands run): {@code start.sh RELEASE} brings a
 * version up (appends it to {@code started.log}), {@code switch.sh RELEASE} points traffic at it ({@code active.txt},
 * and {@code switches.log}), {@code retire.sh} would stop the old one ({@code retired.log}). {@code /live/health}
 * answers for the active version, {@code /preview/RELEASE/health} for a started one (503 before it started). A
 * release can be broken at its preview, under live traffic only, or merely cold (a warn-level finding).
 */
final class LoopbackSlots implements AutoCloseable {
    final Path dir;
    final Set<String> brokenPreview = ConcurrentHashMap.newKeySet();
    final Set<String> brokenLive = ConcurrentHashMap.newKeySet();
    final Set<String> cold = ConcurrentHashMap.newKeySet();
    private final HttpServer server;
    private volatile Runnable onPreview = () -> {};

    LoopbackSlots(Path dir) throws IOException {
        this.dir = dir;
        script("start.sh", "echo \"$1 $RELEASE_GUARD_IDEMPOTENCY_KEY\" >> started.log");
        script("switch.sh", "echo \"$1\" > active.txt\necho \"$1 $RELEASE_GUARD_IDEMPOTENCY_KEY\" >> switches.log");
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

    /** The release serving live traffic, or "none". */
    String active() throws IOException {
        Path f = dir.resolve("active.txt");
        return Files.exists(f) ? Files.readString(f).strip() : "none";
    }

    List<String> log(String name) throws IOException {
        Path f = dir.resolve(name);
        return Files.exists(f) ? Files.readAllLines(f) : List.of();
    }

    private void handle(HttpExchange ex) throws IOException {
        String[] p = ex.getRequestURI().getPath().split("/");
        if (p.length == 3 && p[1].equals("live")) {
            String v = active();
            send(ex, 200, v, brokenLive.contains(v));
        } else if (p.length == 4 && p[1].equals("preview")) {
            Runnable hook = onPreview;
            onPreview = () -> {};
            hook.run();
            boolean started = log("started.log").stream().anyMatch(l -> l.startsWith(p[2] + " "));
            if (started) {
                send(ex, 200, p[2], brokenPreview.contains(p[2]));
            } else {
                send(ex, 503, p[2], true);
            }
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

    /** A policy: testnet with the service "api" deployed blue/green by the scripts, checked at /health. */
    String policy() {
        return """
                version: 1
                environments:
                  - name: testnet
                services:
                  - name: api
                    endpoints: { testnet: "%1$s/live" }
                    health:
                      - name: ready
                        path: /health
                        json:
                          - { pointer: /status, equals: ok }
                          - { pointer: /version, equals: "${release}" }
                          - { pointer: /warm, equals: "true", severity: warn }
                    deploy:
                      blueGreen:
                        start: "./start.sh {release}"
                        switch: "./switch.sh {release}"
                        retire: "./retire.sh"
                        preview: { testnet: "%1$s/preview/{release}" }
                """
                .formatted(base());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
