package io.releaseguard.engine.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.releaseguard.engine.JsonReports;
import io.releaseguard.engine.config.DeploySpec;
import io.releaseguard.engine.health.HttpHealthProbe;
import io.releaseguard.engine.promotion.StepKey;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The control plane receives the body the policy wrote, whatever the values put into it. */
class HttpDeployerBodyTest {

    @Test
    void aHostileValueIsOneJsonStringAndCannotRewriteTheBody() throws Exception {
        AtomicReference<byte[]> body = new AtomicReference<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/deploy", ex -> {
            body.set(ex.getRequestBody().readAllBytes());
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        server.start();
        String hostile = "x\",\"target_tag\":\"evil-9.9";
        try (HttpHealthProbe http = new HttpHealthProbe()) {
            HttpDeployer d = new HttpDeployer(
                    new DeploySpec.Http(
                            "http://127.0.0.1:" + server.getAddress().getPort() + "/deploy",
                            "POST",
                            Map.of(),
                            Optional.of("{\"tenant\": \"{tenant}\", \"target_tag\": \"{release}\", \"batch\": 1.50}")),
                    Map.of(),
                    http,
                    Duration.ofSeconds(10));
            // Names are validated long before a deploy; this request skips that to test the encoder on its own.
            DeployOutcome out = d.deploy(new DeployRequest(
                    "testnet",
                    "ledger",
                    "sha-abc1234",
                    Optional.of(hostile),
                    new StepKey("p", "ledger", "t", "deploy")));

            assertThat(out.succeeded()).as(out.detail()).isTrue();
            JsonNode sent = JsonReports.MAPPER.readTree(body.get());
            assertThat(sent.size()).isEqualTo(3);
            assertThat(sent.get("target_tag").asText()).isEqualTo("sha-abc1234");
            assertThat(sent.get("tenant").asText()).isEqualTo(hostile);
            assertThat(sent.get("batch").decimalValue()).isEqualByComparingTo("1.50");
        } finally {
            server.stop(0);
        }
    }
}
