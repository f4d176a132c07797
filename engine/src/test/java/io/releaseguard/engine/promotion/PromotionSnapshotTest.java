package io.releaseguard.engine.promotion;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.releaseguard.engine.calendar.DeployCalendar;
import io.releaseguard.engine.config.ConfigLoader;
import io.releaseguard.engine.config.DeploySpec;
import io.releaseguard.engine.config.ReleaseGuardConfig;
import io.releaseguard.engine.deploy.CommandDeployer;
import io.releaseguard.engine.deploy.CommandTemplate;
import io.releaseguard.engine.health.HealthGate;
import io.releaseguard.engine.health.HttpHealthProbe;
import io.releaseguard.engine.killswitch.KillSwitchState;
import io.releaseguard.engine.notify.WebhookNotifier;
import io.releaseguard.engine.regression.HttpProviders;
import io.releaseguard.engine.regression.RegressionWatch;
import io.releaseguard.engine.release.JGitReleaseAuthorship;
import io.releaseguard.engine.snapshot.FileSnapshotStore;
import io.releaseguard.engine.snapshot.SnapshotService;
import io.releaseguard.engine.state.FileStateStore;
import io.releaseguard.engine.target.Targets;
import io.releaseguard.engine.testing.MutableClock;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A service deployed by a local command is snapshotted first and, when its health fails, restored byte for byte. */
class PromotionSnapshotTest {
    @TempDir
    Path tmp;

    @Test
    void aFailedDeployIsUndoneFromThePreDeploySnapshot() throws Exception {
        Path target = Files.createDirectories(tmp.resolve("srv/web"));
        Files.createDirectories(target.resolve("app"));
        Files.writeString(target.resolve("app/config.json"), "{\"release\":\"sha-1111111\",\"status\":\"ok\"}\n");
        Path script = tmp.resolve("deploy.sh");
        Files.writeString(
                script,
                """
                #!/bin/sh
                status=ok
                case "$1" in sha-2*) status=broken ;; esac
                printf '{"release":"%s","status":"%s"}\\n' "$1" "$status" > "$2/app/config.json"
                """);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/health", ex -> {
            byte[] b = Files.readAllBytes(target.resolve("app/config.json"));
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        server.start();
        String policy =
                """
                version: 1
                environments:
                  - name: testnet
                services:
                  - name: web
                    endpoints: { testnet: "http://127.0.0.1:%d" }
                    targets: { testnet: { dir: "%s" } }
                    snapshot:
                      files: [app/config.json]
                      restore: "touch restored.marker"
                    health:
                      - name: ready
                        path: /health
                        json:
                          - { pointer: /status, equals: ok }
                          - { pointer: /release, equals: "${release}" }
                    deploy: { command: "%s {release} %s" }
                """
                        .formatted(server.getAddress().getPort(), target, script, target);
        MutableClock clock = new MutableClock(Instant.parse("2026-11-24T15:00:00Z"));
        try (HttpHealthProbe probe = new HttpHealthProbe()) {
            ReleaseGuardConfig config = ConfigLoader.parse(policy, "policy.yaml", tmp);
            Path stateDir = tmp.resolve("state");
            FileStateStore state = new FileStateStore(stateDir, clock);
            HttpHealthProbe http = new HttpHealthProbe();
            HealthGate health = new HealthGate(probe, Map.of(), 4, Duration.ZERO);
            PromotionContext ctx = new PromotionContext(
                    config,
                    state,
                    stateDir,
                    clock,
                    DeployCalendar.compile(config, (s, d) -> ""),
                    health,
                    new RegressionWatch(new HttpProviders(probe, Map.of())),
                    s -> r -> new CommandDeployer(
                                    CommandTemplate.parse(
                                            ((DeploySpec.Command) s.deploy().orElseThrow()).command()),
                                    tmp,
                                    Map.of("PATH", System.getenv("PATH")),
                                    Duration.ofSeconds(30))
                            .deploy(r),
                    health::tenants,
                    e -> () -> KillSwitchState.off("none"),
                    new WebhookNotifier(List.of(), Map.of(), http),
                    d -> clock.advance(d),
                    Optional.of(
                            new SnapshotService(new FileSnapshotStore(stateDir), Targets.fromConfig(), state, clock)),
                    Optional.empty(),
                    Optional.empty(),
                    line -> {},
                    Targets.fromConfig(),
                    JGitReleaseAuthorship.forPolicy(config));
            Promoter promoter = new Promoter(ctx);
            PromotionResult first = promoter.promote(
                    new PromoteRequest("sha-1111111", "testnet", "zoe", "tag:sha-1111111", Optional.empty(), false));
            assertThat(first.outcome()).as(first.message()).isEqualTo(PromotionResult.Outcome.SUCCEEDED);
            byte[] good = Files.readAllBytes(target.resolve("app/config.json"));

            clock.advance(Duration.ofHours(1));
            PromotionResult broken = promoter.promote(
                    new PromoteRequest("sha-2222222", "testnet", "zoe", "tag:sha-2222222", Optional.empty(), false));
            assertThat(broken.outcome()).as(broken.message()).isEqualTo(PromotionResult.Outcome.ROLLED_BACK);
            assertThat(broken.message()).contains("restored snapshot").contains("health PASS on sha-1111111");
            assertThat(Files.readAllBytes(target.resolve("app/config.json"))).isEqualTo(good);
            assertThat(target.resolve("restored.marker")).exists();
            var manifest = io.releaseguard.engine.JsonReports.MAPPER.readTree(
                    Files.readString(Path.of(broken.manifest().orElseThrow()), StandardCharsets.UTF_8));
            assertThat(manifest.at("/snapshots/0/service").asText()).isEqualTo("web");
            assertThat(manifest.at("/rollbacks/0/kind").asText())
                    .as("as the manifest schema spells it")
                    .isEqualTo("SNAPSHOT");
        } finally {
            server.stop(0);
        }
    }
}
