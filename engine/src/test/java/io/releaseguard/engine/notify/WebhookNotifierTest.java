package io.releaseguard.engine.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.releaseguard.engine.JsonReports;
import io.releaseguard.engine.config.WebhookSpec;
import io.releaseguard.engine.config.WebhookSpec.Event;
import io.releaseguard.engine.config.WebhookSpec.Format;
import io.releaseguard.engine.health.HttpHealthProbe;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookNotifierTest {
    private HttpServer server;
    private final Map<String, String> received = new ConcurrentHashMap<>();
    private String base;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            received.put(
                    ex.getRequestURI().getPath(),
                    new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            int status = ex.getRequestURI().getPath().contains("broken") ? 500 : 200;
            ex.sendResponseHeaders(status, -1);
            ex.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static final Notification LIVE = new Notification(
            Event.LIVE,
            "mainnet",
            "sha-abc1234",
            "sha-abc1234 is live on mainnet",
            "all 3 services healthy",
            Instant.parse("2026-11-24T15:00:00Z"),
            Map.of("window", "TUE 14:00-18:00 Europe/Berlin"));

    @Test
    void eachFormatHasItsShapeAndOnlySubscribersAreCalled() throws Exception {
        WebhookNotifier notifier = new WebhookNotifier(
                List.of(
                        new WebhookSpec("slack", base + "/slack/${env:HOOK_TOKEN}", Format.SLACK, Set.of(Event.LIVE)),
                        new WebhookSpec("teams", base + "/teams", Format.TEAMS, Set.of(Event.LIVE, Event.FAILED)),
                        new WebhookSpec("json", base + "/json", Format.JSON, Set.of(Event.LIVE)),
                        new WebhookSpec("quiet", base + "/quiet", Format.JSON, Set.of(Event.FAILED))),
                Map.of("HOOK_TOKEN", "T0K3N"),
                new HttpHealthProbe());
        List<WebhookNotifier.Delivery> results = notifier.send(LIVE);
        assertThat(results).extracting(WebhookNotifier.Delivery::delivered).containsExactly(true, true, true);
        assertThat(results.get(0).target()).doesNotContain("T0K3N").contains("****");
        assertThat(received).containsOnlyKeys("/slack/T0K3N", "/teams", "/json");

        JsonNode slack = JsonReports.MAPPER.readTree(received.get("/slack/T0K3N"));
        assertThat(slack.get("text").asText()).isEqualTo("sha-abc1234 is live on mainnet: all 3 services healthy");
        assertThat(slack.at("/blocks/0/type").asText()).isEqualTo("header");
        JsonNode teams = JsonReports.MAPPER.readTree(received.get("/teams"));
        assertThat(teams.get("@type").asText()).isEqualTo("MessageCard");
        assertThat(teams.at("/sections/0/facts").toString())
                .contains("{\"name\":\"environment\",\"value\":\"mainnet\"}");
        JsonNode json = JsonReports.MAPPER.readTree(received.get("/json"));
        assertThat(json.get("event").asText()).isEqualTo("LIVE");
        assertThat(json.at("/facts/window").asText()).isEqualTo("TUE 14:00-18:00 Europe/Berlin");
    }

    @Test
    void failuresAreReportedWithoutTheSecretUrl() {
        WebhookNotifier notifier = new WebhookNotifier(
                List.of(
                        new WebhookSpec("broken", base + "/broken?token=abc", Format.JSON, Set.of(Event.LIVE)),
                        new WebhookSpec("missing", base + "/x/${env:NOPE}", Format.JSON, Set.of(Event.LIVE)),
                        new WebhookSpec("down", "http://127.0.0.1:1/hook?token=zzz", Format.JSON, Set.of(Event.LIVE))),
                Map.of(),
                new HttpHealthProbe());
        List<WebhookNotifier.Delivery> results = notifier.send(LIVE);
        assertThat(results).extracting(WebhookNotifier.Delivery::delivered).containsOnly(false);
        assertThat(results.get(0).detail()).isEqualTo("HTTP 500");
        assertThat(results.get(0).target()).isEqualTo(base + "/****");
        assertThat(results.get(1).detail()).isEqualTo("ReleaseGuardException");
        assertThat(results.toString()).doesNotContain("abc").doesNotContain("zzz");
    }

    @Test
    void everyWebhookUrlShowsItsHostOnlyWhateverTheHost() {
        WebhookNotifier notifier = new WebhookNotifier(
                List.of(
                        new WebhookSpec(
                                "discord", base + "/api/webhooks/1234/s3cr3tpath", Format.JSON, Set.of(Event.LIVE)),
                        new WebhookSpec(
                                "mattermost", base + "/hooks/xyz?channel=ops", Format.JSON, Set.of(Event.LIVE))),
                Map.of(),
                new HttpHealthProbe());

        List<WebhookNotifier.Delivery> results = notifier.send(LIVE);

        assertThat(results).extracting(WebhookNotifier.Delivery::target).containsOnly(base + "/****");
        assertThat(received).containsOnlyKeys("/api/webhooks/1234/s3cr3tpath", "/hooks/xyz");
    }
}
