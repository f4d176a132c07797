package io.releaseguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.releaseguard.engine.JsonReports;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code release-guard health} against a loopback server: exit codes, JSON contract, secrets masked. */
class HealthCommandTest {
    private static final Map<String, String> ENV = Map.of("HEALTH_TOKEN", "tok-9f8e7d");

    @TempDir
    Path tmp;

    private HttpServer server;
    private Path config;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        serve("/ok", "{\"status\":\"ok\",\"version\":\"R1\",\"db\":{\"latencyMs\":10}}");
        serve("/slow", "{\"status\":\"ok\",\"version\":\"R1\",\"db\":{\"latencyMs\":400}}");
        serve("/down", "{\"status\":\"down\",\"version\":\"R0\",\"db\":{\"latencyMs\":10}}");
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        config = tmp.resolve("release-guard.yaml");
        Files.writeString(
                config,
                """
                version: 1
                environments:
                  - name: testnet
                services:
                """
                        + service("good", base, "/ok")
                        + service("slow", base, "/slow")
                        + service("bad", base, "/down"));
    }

    private static String service(String name, String base, String path) {
        return "  - name: " + name + "\n"
                + "    endpoints: { testnet: \"" + base + "?key=${env:HEALTH_TOKEN}\" }\n"
                + "    health:\n"
                + "      - name: ready\n"
                + "        path: " + path + "\n"
                + "        headers: { Authorization: \"Bearer ${env:HEALTH_TOKEN}\" }\n"
                + "        json:\n"
                + "          - { pointer: /status, equals: ok }\n"
                + "          - { pointer: /version, equals: \"${release}\" }\n"
                + "          - { pointer: /db/latencyMs, max: 250, severity: warn }\n";
    }

    private void serve(String path, String body) {
        server.createContext(path, ex -> {
            boolean authorised = ("Bearer " + ENV.get("HEALTH_TOKEN"))
                    .equals(ex.getRequestHeaders().getFirst("Authorization"));
            byte[] bytes = (authorised ? body : "unauthorised").getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(authorised ? 200 : 401, bytes.length);
            ex.getResponseBody().write(bytes);
            ex.close();
        });
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private CliRunner.Result health(String... extra) {
        String[] base = {"health", "--config", config.toString(), "--env", "testnet", "--release", "R1"};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return CliRunner.runWith(CliRunner.CLOCK, ENV, args);
    }

    @Test
    void passExitsZeroWarnExitsFourUnlessFailOnFatalAndFailExitsFour() {
        CliRunner.Result pass = health("--service", "good");
        assertThat(pass.code()).as(pass.err()).isZero();
        assertThat(pass.out()).contains("PASS  good").endsWith("testnet: PASS (1 checks)\n");

        CliRunner.Result warn = health("--service", "slow");
        assertThat(warn.code()).isEqualTo(4);
        assertThat(warn.out()).contains("/db/latencyMs = 400, expected ≤ 250 (warn)");

        CliRunner.Result tolerated = health("--service", "slow", "--fail-on-fatal");
        assertThat(tolerated.code()).isZero();
        assertThat(tolerated.out()).contains("WARN  slow").contains("testnet: WARN");

        CliRunner.Result fail = health("--service", "bad", "--fail-on-fatal");
        assertThat(fail.code()).isEqualTo(4);
        assertThat(fail.out()).contains("/status = \"down\", expected \"ok\"; /version = \"R0\", expected \"R1\"");
    }

    @Test
    void jsonFollowsTheContractAndNeverShowsTheSecret() throws IOException {
        CliRunner.Result r = health("--json", "--concurrency", "2");
        assertThat(r.code()).isEqualTo(4);
        assertThat(r.out() + r.err()).doesNotContain(ENV.get("HEALTH_TOKEN"));
        JsonNode json = JsonReports.MAPPER.readTree(r.out());
        assertThat(json.get("environment").asText()).isEqualTo("testnet");
        assertThat(json.get("verdict").asText()).isEqualTo("FAIL");
        assertThat(json.get("buildinfo").isNull()).isTrue();
        assertThat(json.get("checks")).hasSize(3);
        JsonNode first = json.get("checks").get(0);
        assertThat(first.fieldNames())
                .toIterable()
                .containsExactly(
                        "service", "tenant", "check", "url", "verdict", "severity", "status", "latencyMs", "message");
        assertThat(first.get("url").asText()).endsWith("/ok?key=****");
        assertThat(first.get("tenant").isNull()).isTrue();
        assertThat(first.get("status").asInt()).isEqualTo(200);
    }

    @Test
    void unknownEnvironmentAndMissingSecretAreInvalidExit3() {
        CliRunner.Result env =
                CliRunner.runWith(CliRunner.CLOCK, ENV, "health", "--config", config.toString(), "--env", "prod");
        assertThat(env.code()).isEqualTo(3);
        assertThat(env.err()).isEqualTo("error: unknown environment 'prod'; known: testnet\n");

        CliRunner.Result secret = CliRunner.runWith(
                CliRunner.CLOCK,
                Map.of(),
                "health",
                "--config",
                config.toString(),
                "--env",
                "testnet",
                "--release",
                "R1");
        assertThat(secret.code()).isEqualTo(3);
        assertThat(secret.err()).contains("HEALTH_TOKEN is not set in the environment");
    }
}
