package io.releaseguard.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releaseguard.cli.demo.LoopbackClient.Answer;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The demo world over real loopback HTTP: deploys, idempotency, breakage and healing, tenants, webhooks. */
class DemoWorldIT {
    private static final String FLEET_DEPLOY = "/cp/admin/tenants/redeploy-fleet";

    private final LoopbackClient http = new LoopbackClient();
    private DemoWorld world;

    @BeforeEach
    void start() throws Exception {
        world = DemoWorld.start();
    }

    @AfterEach
    void stop() {
        world.close();
    }

    @Test
    void servicesReportTheInitialReleaseUntilDeployed() throws Exception {
        Answer health = http.get(world.endpoint("testnet", "api") + "/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("status").asText()).isEqualTo("ok");
        assertThat(health.json().path("version").asText()).isEqualTo(world.initialRelease());
        assertThat(health.json().at("/db/latencyMs").asInt()).isBetween(0, 250);
        Answer tenants = http.get(world.tenantsUrl("mainnet"));
        assertThat(tenants.json().path("tenants")).hasSize(12);
        assertThat(tenants.json().at("/tenants/6/name").asText()).isEqualTo("t07");
        assertThat(tenants.json().at("/tenants/6/url").asText()).isEqualTo(world.tenantUrl("mainnet", "t07"));
    }

    @Test
    void deployingAServiceChangesHealthAndBuildinfoInThatEnvironmentOnly() throws Exception {
        Answer deployed = http.post(
                world.controlPlane("testnet") + "/cp/admin/services/api/deploy",
                "p1/api//deploy",
                "{\"target_tag\": \"sha-abc1234\", \"environment\": \"testnet\"}");
        assertThat(deployed.status()).isEqualTo(200);
        assertThat(deployed.json().path("applied").asBoolean()).isTrue();

        String api = world.endpoint("testnet", "api");
        assertThat(http.get(api + "/health").json().path("version").asText()).isEqualTo("sha-abc1234");
        assertThat(http.get(api + "/buildinfo").json().path("git_sha").asText())
                .isEqualTo(DemoWorld.shaOf("sha-abc1234"))
                .startsWith("abc1234");
        assertThat(http.get(world.endpoint("mainnet", "api") + "/health")
                        .json()
                        .path("version")
                        .asText())
                .isEqualTo(world.initialRelease());
        assertThat(world.deployCount("testnet", "api", "sha-abc1234")).isEqualTo(1);
        assertThat(world.releaseOf("testnet", "api")).isEqualTo("sha-abc1234");
    }

    @Test
    void fleetDeploysReachOneTenantSeveralOrAll() throws Exception {
        String cp = world.controlPlane("testnet") + FLEET_DEPLOY;
        http.post(
                cp,
                "p1/ledger/t07/deploy",
                "{\"target_tag\": \"sha-abc1234\", \"tenant\": \"t07\", " + "\"environment\": \"testnet\"}");
        http.post(
                cp + "?environment=testnet",
                "p1/ledger//batch-1",
                "{\"target_tag\": \"sha-abc1234\", " + "\"tenants\": [\"t01\", \"t02\"]}");

        assertThat(http.get(world.tenantUrl("testnet", "t07") + "/buildinfo")
                        .json()
                        .path("git_sha")
                        .asText())
                .isEqualTo(DemoWorld.shaOf("sha-abc1234"));
        assertThat(http.get(world.tenantUrl("testnet", "t02") + "/health")
                        .json()
                        .path("version")
                        .asText())
                .isEqualTo("sha-abc1234");
        assertThat(world.releaseOf("testnet", "ledger", "t03")).isEqualTo(world.initialRelease());
        assertThat(world.releaseOf("mainnet", "ledger", "t07")).isEqualTo(world.initialRelease());

        http.post(cp, "p2/ledger//all", "{\"target_tag\": \"v2\", \"environment\": \"mainnet\"}");
        for (String t : world.tenantNames("mainnet")) {
            assertThat(world.deployCount("mainnet", "ledger", t, "v2")).as(t).isEqualTo(1);
        }
    }

    @Test
    void aRepeatedIdempotencyKeyIsAcknowledgedButNotApplied() throws Exception {
        String cp = world.controlPlane("testnet") + FLEET_DEPLOY;
        String body = "{\"target_tag\": \"sha-abc1234\", \"tenant\": \"t07\", \"environment\": \"testnet\"}";
        Answer first = http.post(cp, "p1/ledger/t07/deploy", body);
        Answer again = http.post(cp, "p1/ledger/t07/deploy", body);

        assertThat(first.json().path("applied").asBoolean()).isTrue();
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("duplicate").asBoolean()).isTrue();
        assertThat(world.deployCount("testnet", "ledger", "t07", "sha-abc1234")).isEqualTo(1);
        assertThat(world.requestsSeen("p1/ledger/t07/deploy")).isEqualTo(2);

        // A rollback in between, then a replay of the first key: it must not undo the rollback.
        http.post(cp, "p1/ledger/t07/rollback", body.replace("sha-abc1234", world.initialRelease()));
        http.post(cp, "p1/ledger/t07/deploy", body);
        assertThat(world.releaseOf("testnet", "ledger", "t07")).isEqualTo(world.initialRelease());
        assertThat(world.deployCount("testnet", "ledger", "t07", "sha-abc1234")).isEqualTo(1);
    }

    @Test
    void concurrentRequestsWithOneKeyApplyOnce() throws Exception {
        String url = world.controlPlane("mainnet") + "/cp/admin/services/web/deploy";
        String body = "{\"target_tag\": \"sha-abc1234\", \"environment\": \"mainnet\"}";
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Answer>> calls = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                calls.add(() -> http.post(url, "p9/web//deploy", body));
            }
            long applied = 0;
            for (Future<Answer> f : pool.invokeAll(calls)) {
                applied += f.get().json().path("applied").asBoolean() ? 1 : 0;
            }
            assertThat(applied).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(world.deployCount("mainnet", "web", "sha-abc1234")).isEqualTo(1);
        assertThat(world.requestsSeen("p9/web//deploy")).isEqualTo(16);
    }

    @Test
    void refusedRequestsChangeNothingAndDoNotUseTheirKeyUp() throws Exception {
        String cp = world.controlPlane("testnet") + FLEET_DEPLOY;
        Answer unknownTenant =
                http.post(cp, "k1", "{\"target_tag\": \"v2\", \"tenant\": \"t99\", \"environment\": \"testnet\"}");
        Answer noEnvironment = http.post(cp, "k2", "{\"target_tag\": \"v2\", \"tenant\": \"t01\"}");
        Answer badTag = http.post(
                cp, "k3", "{\"target_tag\": \"v2; rm -rf /\", \"tenant\": \"t01\", \"environment\": \"testnet\"}");
        Answer unknownService = http.post(
                world.controlPlane("testnet") + "/cp/admin/services/db/deploy",
                "k4",
                "{\"target_tag\": \"v2\", \"environment\": \"testnet\"}");

        assertThat(unknownTenant.status()).isEqualTo(404);
        assertThat(unknownTenant.json().path("error").asText()).contains("t99");
        assertThat(noEnvironment.status()).isEqualTo(400);
        assertThat(noEnvironment.json().path("error").asText()).contains("testnet, mainnet");
        assertThat(badTag.status()).isEqualTo(400);
        assertThat(unknownService.status()).isEqualTo(404);
        assertThat(world.releaseOf("testnet", "ledger", "t01")).isEqualTo(world.initialRelease());

        Answer corrected =
                http.post(cp, "k1", "{\"target_tag\": \"v2\", \"tenant\": \"t01\", \"environment\": \"testnet\"}");
        assertThat(corrected.json().path("applied").asBoolean()).isTrue();
        assertThat(world.requestsSeen("k1")).isEqualTo(2);
    }

    @Test
    void aBrokenReleaseMisbehavesOnceDeployedAndRollingBackHealsIt() throws Exception {
        world.breakRelease("api", "sha-bad0001", Breakage.HEALTH_500);
        world.breakRelease("ledger", "sha-bad0002", Breakage.WRONG_JSON);
        world.breakRelease("ledger", "sha-bad0003", Breakage.STALE_BUILDINFO);
        String api = world.endpoint("testnet", "api");
        assertThat(http.get(api + "/health").status()).isEqualTo(200);

        deployApi("testnet", "sha-bad0001", "k1");
        Answer down = http.get(api + "/health");
        assertThat(down.status()).isEqualTo(500);
        assertThat(down.json().path("status").asText()).isEqualTo("error");
        deployApi("testnet", world.initialRelease(), "k2");
        assertThat(http.get(api + "/health").status()).isEqualTo(200);

        deployTenant("testnet", "t03", "sha-bad0002", "k3");
        Answer degraded = http.get(world.tenantUrl("testnet", "t03") + "/health");
        assertThat(degraded.status()).isEqualTo(200);
        assertThat(degraded.json().path("status").asText()).isEqualTo("degraded");
        assertThat(http.get(world.tenantUrl("testnet", "t04") + "/health")
                        .json()
                        .path("status")
                        .asText())
                .isEqualTo("ok");

        deployTenant("testnet", "t03", "sha-bad0003", "k4");
        assertThat(http.get(world.tenantUrl("testnet", "t03") + "/buildinfo")
                        .json()
                        .path("git_sha")
                        .asText())
                .as("still the release that ran before")
                .isEqualTo(DemoWorld.shaOf("sha-bad0002"));
        deployTenant("testnet", "t03", "sha-abc1234", "k5");
        assertThat(http.get(world.tenantUrl("testnet", "t03") + "/health")
                        .json()
                        .path("status")
                        .asText())
                .isEqualTo("ok");
    }

    @Test
    void aSlowReleaseAnswersLaterThanAClientWaits() throws Exception {
        world.breakRelease("api", "sha-51010ad", Breakage.SLOW);
        deployApi("mainnet", "sha-51010ad", "k1");
        String url = world.endpoint("mainnet", "api") + "/health";
        long start = System.nanoTime();
        assertThatThrownBy(() -> http.get(url, Duration.ofMillis(300))).isInstanceOf(HttpTimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        deployApi("mainnet", world.initialRelease(), "k2");
        assertThat(http.get(url, Duration.ofMillis(2000)).status()).isEqualTo(200);
    }

    @Test
    void theWebhookSinkRecordsDeliveriesInOrder() throws Exception {
        http.post(world.webhookUrl("releases"), null, "{\"event\": \"announced\"}");
        http.post(world.webhookUrl("audit"), null, "{\"event\": \"live\"}");
        assertThat(world.webhookPayloads())
                .containsExactly(
                        new DemoWorld.WebhookPayload("releases", "{\"event\": \"announced\"}"),
                        new DemoWorld.WebhookPayload("audit", "{\"event\": \"live\"}"));
    }

    @Test
    void unknownPathsAndTenantsAre404WithAHint() throws Exception {
        Answer tenant = http.get(world.tenantUrl("testnet", "t01").replace("t01", "t13") + "/health");
        Answer path = http.get(world.endpoint("testnet", "api") + "/metrics");
        assertThat(tenant.status()).isEqualTo(404);
        assertThat(tenant.json().path("error").asText()).contains("t13");
        assertThat(path.status()).isEqualTo(404);
        assertThat(path.json().path("error").asText()).contains("/health");
    }

    private void deployApi(String env, String release, String key) throws Exception {
        Answer a = http.post(
                world.controlPlane(env) + "/cp/admin/services/api/deploy",
                key,
                "{\"target_tag\": \"" + release + "\", \"environment\": \"" + env + "\"}");
        assertThat(a.json().path("applied").asBoolean()).as(a.json().toString()).isTrue();
    }

    private void deployTenant(String env, String tenant, String release, String key) throws Exception {
        Answer a = http.post(
                world.controlPlane(env) + FLEET_DEPLOY,
                key,
                "{\"target_tag\": \"" + release + "\", \"tenant\": \"" + tenant + "\", \"environment\": \"" + env
                        + "\"}");
        assertThat(a.json().path("applied").asBoolean()).as(a.json().toString()).isTrue();
    }
}
