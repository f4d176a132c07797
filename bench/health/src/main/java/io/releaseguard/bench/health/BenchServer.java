package io.releaseguard.bench.health;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;

/**
 * The loopback side of benchmark B1: one HTTP/1.1 server (keep-alive, small fixed thread pool) answering {@code
 * /t<i>/health} with a small JSON document for every tenant, plus, for each fleet size asked for, the URL list the curl
 * pipeline reads and the {@code release-guard.yaml} the health gate reads. Usage: {@code BenchServer DIR SIZE...};
 * it prints the port once the files are written and serves until killed.
 */
public final class BenchServer {
    private static final byte[] BODY =
            "{\"status\":\"ok\",\"version\":\"R1\",\"db\":{\"latencyMs\":3}}".getBytes(StandardCharsets.UTF_8);

    private BenchServer() {}

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        List<Integer> sizes = List.of(args).subList(1, args.length).stream()
                .map(Integer::parseInt)
                .toList();
        // Like nginx and Go servers: no Nagle delay between the headers and the body on kept-alive connections.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4096);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", ex -> {
            ex.getRequestBody().readAllBytes();
            boolean health = ex.getRequestURI().getPath().endsWith("/health");
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(health ? 200 : 404, health ? BODY.length : -1);
            if (health) {
                ex.getResponseBody().write(BODY);
            }
            ex.close();
        });
        server.start();
        int port = server.getAddress().getPort();
        Files.createDirectories(dir);
        for (int n : sizes) {
            StringBuilder urls = new StringBuilder();
            StringBuilder yaml = new StringBuilder(
                    """
                    version: 1
                    environments:
                      - name: bench
                    services:
                      - name: fleet
                        health:
                          - name: ready
                            path: /health
                            timeout: 5s
                            json:
                              - { pointer: /status, equals: ok }
                        tenants:
                    """);
            for (int i = 0; i < n; i++) {
                String base = "http://127.0.0.1:" + port + "/t" + i;
                urls.append(base).append("/health\n");
                yaml.append("      - { name: t")
                        .append(i)
                        .append(", url: \"")
                        .append(base)
                        .append("\" }\n");
            }
            Files.writeString(dir.resolve("urls-" + n + ".txt"), urls);
            Files.writeString(dir.resolve("release-guard-" + n + ".yaml"), yaml);
        }
        System.out.println(port);
        System.out.flush();
    }
}
