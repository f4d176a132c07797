package io.releaseguard.engine.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.releaseguard.engine.config.DeploySpec;
import io.releaseguard.engine.health.HttpHealthProbe;
import io.releaseguard.engine.promotion.StepKey;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeployersTest {
    private static final HttpHealthProbe HTTP = new HttpHealthProbe();

    @TempDir
    Path tmp;

    private static final DeployRequest REQUEST = new DeployRequest(
            "mainnet", "ledger", "sha-abc1234", Optional.of("t7"), new StepKey("promo-1", "ledger", "t7", "deploy"));

    @Test
    void commandGetsArgumentsAndVariablesAndItsExitCodeDecides() throws Exception {
        Path script = tmp.resolve("deploy.sh");
        Files.writeString(
                script,
                """
                #!/bin/sh
                printf '%s|' "$@" > args.txt
                echo "$RELEASE_GUARD_IDEMPOTENCY_KEY $RELEASE_GUARD_TENANT" > env.txt
                echo "pushing to https://user:hunter2@registry.example.org"
                [ "$2" = "sha-abc1234" ]
                """);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        CommandDeployer d = new CommandDeployer(
                CommandTemplate.parse("./deploy.sh {service} {release}"),
                tmp,
                Map.of("PATH", System.getenv("PATH")),
                Duration.ofSeconds(30));
        DeployOutcome ok = d.deploy(REQUEST);
        assertThat(ok.succeeded()).as(ok.detail()).isTrue();
        assertThat(ok.detail()).contains("user:****@").doesNotContain("hunter2");
        assertThat(Files.readString(tmp.resolve("args.txt"))).isEqualTo("ledger|sha-abc1234|");
        assertThat(Files.readString(tmp.resolve("env.txt")).strip()).isEqualTo("promo-1/ledger/t7/deploy t7");

        CommandDeployer wrong = new CommandDeployer(
                CommandTemplate.parse("./deploy.sh {service} other"),
                tmp,
                Map.of("PATH", System.getenv("PATH")),
                Duration.ofSeconds(30));
        assertThat(wrong.deploy(REQUEST).succeeded()).isFalse();
    }

    @Test
    void theRemoteLineKeepsHostileValuesLiteralForAnyPosixShell() throws Exception {
        String tenant = "t1'; touch pwned-1; echo '$(touch pwned-2)`touch pwned-3`\n touch pwned-4";
        DeployRequest hostile = new DeployRequest(
                "mainnet", "api", "sha-abc1234", Optional.of(tenant), new StepKey("p1", "api", "t1", "deploy"));
        String line = SshCommandDeployer.remoteLine(CommandTemplate.parse("printf [%s] {tenant} {release}"), hostile);

        // What the remote side does with it (SshTarget: cd to the directory, then sh -c), here on this machine.
        Process p = new ProcessBuilder("sh", "-c", line).directory(tmp.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).isZero();

        assertThat(line).startsWith("export RELEASE_GUARD_RELEASE='sha-abc1234' RELEASE_GUARD_SERVICE='api'");
        assertThat(out).isEqualTo("[" + tenant + "][sha-abc1234]");
        try (var files = Files.list(tmp)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void aHangingCommandIsKilledAtItsTimeout() throws Exception {
        CommandDeployer d = new CommandDeployer(
                CommandTemplate.parse("sleep 30"), tmp, Map.of("PATH", System.getenv("PATH")), Duration.ofMillis(300));
        long start = System.nanoTime();
        DeployOutcome out = d.deploy(REQUEST);
        assertThat(out.succeeded()).isFalse();
        assertThat(out.detail()).startsWith("timed out after");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void httpSendsTheIdempotencyKeyTheFilledBodyAndTheResolvedSecret() throws Exception {
        Map<String, String> seen = new ConcurrentHashMap<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/cp/admin/tenants/redeploy-fleet", ex -> {
            seen.put("key", ex.getRequestHeaders().getFirst("Idempotency-Key"));
            seen.put("auth", ex.getRequestHeaders().getFirst("Authorization"));
            seen.put("method", ex.getRequestMethod());
            seen.put("body", new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] b = "{\"accepted\":true}".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(202, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            HttpDeployer d = new HttpDeployer(
                    new DeploySpec.Http(
                            base + "/cp/admin/tenants/redeploy-fleet",
                            "POST",
                            Map.of("Authorization", "Bearer ${env:CP_TOKEN}"),
                            Optional.of("{\"target_tag\":\"{release}\",\"tenants\":[\"{tenant}\"]}")),
                    Map.of("CP_TOKEN", "s3cr3t"),
                    new HttpHealthProbe(),
                    Duration.ofSeconds(10));
            DeployOutcome out = d.deploy(REQUEST);
            assertThat(out.succeeded()).isTrue();
            assertThat(out.detail()).contains("HTTP 202").doesNotContain("s3cr3t");
            assertThat(seen)
                    .containsEntry("key", "promo-1/ledger/t7/deploy")
                    .containsEntry("auth", "Bearer s3cr3t")
                    .containsEntry("method", "POST")
                    .containsEntry("body", "{\"target_tag\":\"sha-abc1234\",\"tenants\":[\"t7\"]}");
        } finally {
            server.stop(0);
        }
        HttpDeployer down = new HttpDeployer(
                new DeploySpec.Http("http://127.0.0.1:1/x", "POST", Map.of(), Optional.empty()),
                Map.of(),
                new HttpHealthProbe(),
                Duration.ofSeconds(5));
        assertThat(down.deploy(REQUEST).succeeded()).isFalse();
        assertThat(List.of(down.deploy(REQUEST).detail())).allMatch(s -> s.contains("failed: connection refused"));
    }

    @Test
    void anHttpDeployResponseIsReadOnlyUpToItsCap() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/deploy", ex -> {
            ex.getRequestBody().readAllBytes();
            ex.sendResponseHeaders(200, 0);
            byte[] chunk = new byte[64 * 1024];
            java.util.Arrays.fill(chunk, (byte) '7');
            try (var out = ex.getResponseBody()) {
                for (long sent = 0; sent <= 4 * HttpDeployer.MAX_RESPONSE_BYTES; sent += chunk.length) {
                    out.write(chunk);
                }
            } catch (java.io.IOException closedByClient) {
                // the client stops reading at the cap
            }
        });
        server.start();
        try {
            HttpDeployer d = new HttpDeployer(
                    new DeploySpec.Http(
                            "http://127.0.0.1:" + server.getAddress().getPort() + "/deploy",
                            "POST",
                            Map.of(),
                            Optional.empty()),
                    Map.of(),
                    HTTP,
                    Duration.ofSeconds(10));

            DeployOutcome out = d.deploy(REQUEST);

            assertThat(out.succeeded())
                    .as("an answer that cannot be read whole is not a success")
                    .isFalse();
            assertThat(out.detail()).contains("exceeds maxBodyBytes " + HttpDeployer.MAX_RESPONSE_BYTES);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aResolvedHeaderWithALineBreakIsRefusedNamingOnlyTheHeaderAndNothingIsSent() throws Exception {
        List<String> requests = new java.util.concurrent.CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/deploy", ex -> {
            requests.add(ex.getRequestURI().toString());
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        server.start();
        try {
            HttpDeployer d = new HttpDeployer(
                    new DeploySpec.Http(
                            "http://127.0.0.1:" + server.getAddress().getPort() + "/deploy",
                            "POST",
                            Map.of("Authorization", "token ${env:CP_TOKEN}"),
                            Optional.empty()),
                    Map.of("CP_TOKEN", "S3cr3tValue\r\nX-Admin: yes"),
                    HTTP,
                    Duration.ofSeconds(10));

            DeployOutcome out = d.deploy(REQUEST);

            assertThat(out.succeeded()).isFalse();
            assertThat(out.detail())
                    .contains("header Authorization has an invalid character at position 17")
                    .doesNotContain("S3cr3t");
            assertThat(requests).isEmpty();
        } finally {
            server.stop(0);
        }
    }
}
