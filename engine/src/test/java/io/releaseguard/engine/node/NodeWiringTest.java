package io.releaseguard.engine.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.releaseguard.engine.config.ReleaseGuardConfig;
import io.releaseguard.engine.promotion.PromoteRequest;
import io.releaseguard.engine.promotion.Promoter;
import io.releaseguard.engine.promotion.PromotionContext;
import io.releaseguard.engine.promotion.PromotionResult;
import io.releaseguard.engine.state.FileStateStore;
import io.releaseguard.engine.testing.MutableClock;
import io.releaseguard.engine.testing.Scripts;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A promotion wired as the Jenkins plugin wires it: decisions and state here, every deploy, probe, target file,
 * kill switch and webhook through a {@link SerializingNode}, so each of them crossed a serialization boundary as a
 * task and came back as a value. The deploy command is a real process, the health checks and the webhook real
 * loopback HTTP, the snapshot real files; the counts show each of them happened through the node.
 */
class NodeWiringTest {
    private static final String DEPLOY =
            """
            #!/bin/sh
            status=ok
            case "$1" in sha-2*) status=broken ;; esac
            mkdir -p srv/app
            printf '{"release":"%s","status":"%s"}\\n' "$1" "$status" > srv/app/config.json
            echo "$1 pwd=$(pwd) token=$DEPLOY_TOKEN preload=$LD_PRELOAD" >> deploys.log
            """;

    @TempDir
    Path tmp;

    private Path ws;
    private HttpServer server;
    private final AtomicInteger healthRequests = new AtomicInteger();
    private final List<String> webhooks = new CopyOnWriteArrayList<>();
    private final MutableClock clock = MutableClock.at("2026-11-24T15:00:00Z");
    private final SerializingNode node = new SerializingNode();

    @BeforeEach
    void workspaceAndServices() throws Exception {
        ws = Files.createDirectories(tmp.resolve("workspace"));
        Scripts.executable(ws.resolve("deploy.sh"), DEPLOY);
        Files.createDirectories(ws.resolve("srv/app"));
        Files.writeString(ws.resolve("srv/app/config.json"), "{\"release\":\"sha-0000000\",\"status\":\"ok\"}\n");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/health", ex -> {
            healthRequests.incrementAndGet();
            byte[] b = Files.readAllBytes(ws.resolve("srv/app/config.json"));
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        server.createContext("/hook", ex -> {
            webhooks.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String policy() {
        int port = server.getAddress().getPort();
        return """
                version: 1
                environments:
                  - name: testnet
                killSwitch: { file: kill-switch }
                notifications:
                  webhooks:
                    - { name: ops, url: "http://127.0.0.1:%d/hook", format: json, events: [LIVE, ROLLED_BACK] }
                services:
                  - name: web
                    endpoints: { testnet: "http://127.0.0.1:%d" }
                    targets: { testnet: { dir: srv } }
                    snapshot:
                      files: [app/config.json]
                      restore: "touch restored.marker"
                    health:
                      - name: ready
                        path: /health
                        json:
                          - { pointer: /status, equals: ok }
                          - { pointer: /release, equals: "${release}" }
                    deploy: { command: "./deploy.sh {release}" }
                """
                .formatted(port, port);
    }

    private Promoter promoter(NodeSite site) throws Exception {
        ReleaseGuardConfig config = site.policy().loadElsewhere();
        Path stateDir = tmp.resolve("state");
        PromotionContext ctx = NodeWiring.context(
                config, node, site, new FileStateStore(stateDir, clock), stateDir, clock, clock::advance, line -> {});
        return new Promoter(ctx);
    }

    private static PromotionResult promote(Promoter p, String release) throws Exception {
        return p.promote(new PromoteRequest(release, "testnet", "zoe", "tag:" + release, Optional.empty(), false));
    }

    @Test
    void everyDeployProbeTargetFileKillSwitchAndWebhookIsATaskOnTheNodeAndTheRollbackRestoresThere() throws Exception {
        NodeSite site = new NodeSite(
                NodePolicy.fromWorkspace(policy(), "release-guard.yaml", ws.toString(), ws.toString()),
                Map.of("PATH", System.getenv("PATH"), "DEPLOY_TOKEN", "s3cret", "LD_PRELOAD", ""));
        NodeWiring.checkOnNode(node, site.policy());
        Promoter promoter = promoter(site);

        PromotionResult first = promote(promoter, "sha-1111111");
        assertThat(first.outcome()).as(first.message()).isEqualTo(PromotionResult.Outcome.SUCCEEDED);
        clock.advance(Duration.ofHours(1));
        PromotionResult broken = promote(promoter, "sha-2222222");

        assertThat(broken.outcome()).as(broken.message()).isEqualTo(PromotionResult.Outcome.ROLLED_BACK);
        assertThat(broken.message()).contains("restored snapshot");
        assertThat(Files.readString(ws.resolve("srv/app/config.json"))).contains("sha-1111111");
        assertThat(ws.resolve("srv/restored.marker")).exists();
        List<String> deploys = Files.readAllLines(ws.resolve("deploys.log"));
        assertThat(deploys)
                .as("the command ran in the policy's folder on the node with the step's environment")
                .containsExactly(
                        "sha-1111111 pwd=" + ws.toRealPath() + " token=s3cret preload=",
                        "sha-2222222 pwd=" + ws.toRealPath() + " token=s3cret preload=");
        assertThat(node.calls("NodeDeployer.Call")).isEqualTo(deploys.size());
        assertThat(node.calls("NodeProbe.Call"))
                .as("every health request the service saw was a probe task")
                .isEqualTo(healthRequests.get())
                .isPositive();
        assertThat(node.calls("NodeTargets.Call"))
                .as("snapshot reads, the restore's writes and command")
                .isGreaterThan(3);
        assertThat(node.calls("NodeChecks.KillSwitchCall")).isPositive();
        assertThat(node.calls("NodeNotifier.Call")).isPositive();
        assertThat(webhooks).anySatisfy(body -> assertThat(body).contains("sha-1111111"));
        assertThat(node.calls("NodeSources.AuthorsCall"))
                .as("git authorship is read on the node")
                .isEqualTo(2);
    }

    @Test
    void aKillSwitchFileInTheWorkspaceIsReadOnTheNodeAndStopsThePromotion() throws Exception {
        Files.writeString(ws.resolve("kill-switch"), "incident 42\n");
        NodeSite site = new NodeSite(
                NodePolicy.fromWorkspace(policy(), "release-guard.yaml", ws.toString(), ws.toString()),
                Map.of("PATH", System.getenv("PATH")));

        PromotionResult r = promote(promoter(site), "sha-1111111");

        assertThat(r.outcome()).isEqualTo(PromotionResult.Outcome.BLOCKED);
        assertThat(r.message()).contains("KILL_SWITCH").contains("incident 42");
        assertThat(ws.resolve("deploys.log")).doesNotExist();
        assertThat(node.calls("NodeChecks.KillSwitchCall")).isPositive();
    }
}
