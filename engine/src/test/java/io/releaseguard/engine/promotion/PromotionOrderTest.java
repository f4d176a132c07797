package io.releaseguard.engine.promotion;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.releaseguard.engine.JsonReports;
import io.releaseguard.engine.approval.Approvals;
import io.releaseguard.engine.config.ConfigLoader;
import io.releaseguard.engine.config.DeploySpec;
import io.releaseguard.engine.config.ReleaseGuardConfig;
import io.releaseguard.engine.config.WebhookSpec;
import io.releaseguard.engine.config.WebhookSpec.Event;
import io.releaseguard.engine.deploy.Deployer;
import io.releaseguard.engine.deploy.HttpDeployer;
import io.releaseguard.engine.health.HttpHealthProbe;
import io.releaseguard.engine.killswitch.KillSwitchState;
import io.releaseguard.engine.notify.WebhookNotifier;
import io.releaseguard.engine.promotion.PromotionResult.Outcome;
import io.releaseguard.engine.state.Decision;
import io.releaseguard.engine.state.FileStateStore;
import io.releaseguard.engine.testing.MutableClock;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The order of a promotion's side effects, recorded in one list as they happen: every kill-switch read, every deploy
 * call (by its idempotency key) and every webhook delivery as the loopback receiver gets it. Shows that the kill
 * switch is read immediately before each production call and that on-call is paged before a mainnet rollback starts.
 */
class PromotionOrderTest {
    @TempDir
    Path tmp;

    private final MutableClock clock = MutableClock.at("2026-11-24T15:00:00Z");
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final HttpHealthProbe http = new HttpHealthProbe();
    private volatile KillSwitchState killSwitch = KillSwitchState.off("test switch");
    private volatile String engageAfter = "";
    private LoopbackFleet world;
    private HttpServer webhook;
    private HttpHealthProbe probe;
    private ReleaseGuardConfig config;
    private FileStateStore state;
    private Promoter promoter;

    @BeforeEach
    void setUp() throws Exception {
        world = new LoopbackFleet(5, "sha-0000001");
        probe = new HttpHealthProbe();
        webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        webhook.createContext("/", ex -> {
            events.add("notify "
                    + JsonReports.MAPPER
                            .readTree(ex.getRequestBody().readAllBytes())
                            .get("event")
                            .asText());
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        webhook.start();
        config = ConfigLoader.parse(world.policy(), "policy.yaml", tmp);
        state = new FileStateStore(tmp.resolve("state"), clock);
        PromotionContext base = TestPromotions.context(
                config, state, tmp.resolve("state"), clock, probe, Map::of, clock::advance, Optional.empty(), l -> {});
        promoter = new Promoter(new PromotionContext(
                base.config(),
                base.state(),
                base.stateDir(),
                base.clock(),
                base.calendar(),
                base.health(),
                base.regression(),
                this::recording,
                base.tenants(),
                environment -> () -> {
                    events.add("kill-switch read");
                    return killSwitch;
                },
                new WebhookNotifier(
                        List.of(new WebhookSpec(
                                "on-call",
                                "http://127.0.0.1:" + webhook.getAddress().getPort() + "/hook",
                                WebhookSpec.Format.JSON,
                                Set.of(Event.FAILED, Event.ONCALL_ROLLBACK, Event.ROLLED_BACK))),
                        Map.of(),
                        http),
                base.soaker(),
                base.snapshots(),
                base.commitStatuses(),
                base.registry(),
                base.progress(),
                base.targets(),
                base.authorship()));
    }

    /** The real HTTP deployer, each call recorded by its key; engages the switch after the call {@link #engageAfter}. */
    private Deployer recording(io.releaseguard.engine.config.ServiceSpec s) {
        Deployer real =
                new HttpDeployer((DeploySpec.Http) s.deploy().orElseThrow(), Map.of(), http, Duration.ofSeconds(10));
        return r -> {
            events.add("deploy " + r.key().id() + " " + r.release());
            var out = real.deploy(r);
            if (!engageAfter.isEmpty() && r.key().id().endsWith(engageAfter)) {
                killSwitch = KillSwitchState.on("test switch", "incident INC-12");
            }
            return out;
        };
    }

    @AfterEach
    void tearDown() {
        webhook.stop(0);
        probe.close();
        world.close();
    }

    private PromotionResult promote(String release, String env) throws Exception {
        clock.advance(Duration.ofMinutes(10));
        return promoter.promote(new PromoteRequest(release, env, "zoe", "tag:" + release, Optional.empty(), false));
    }

    private PromotionResult approvedMainnet(String release) throws Exception {
        PromotionResult waiting = promote(release, "mainnet");
        new Approvals(config, state, clock).decide(waiting.promotionId(), "alice", Decision.APPROVE, "");
        return promote(release, "mainnet");
    }

    @Test
    void theKillSwitchIsReadImmediatelyBeforeEveryDeployCall() throws Exception {
        PromotionResult r = promote("sha-1111111", "testnet");

        assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.SUCCEEDED);
        List<Integer> deploys = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).startsWith("deploy ")) {
                deploys.add(i);
                assertThat(events.get(i - 1))
                        .as("right before " + events.get(i))
                        .isEqualTo("kill-switch read");
            }
        }
        assertThat(deploys).as("api, then 5 tenants").hasSize(6);
    }

    @Test
    void aSwitchEngagedInsideABatchStopsTheNextTenantsCall() throws Exception {
        engageAfter = "/ledger/t01/deploy";

        PromotionResult r = promote("sha-1111111", "testnet");

        assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.HALTED);
        assertThat(r.message()).contains("KILL_SWITCH: test switch: incident INC-12 (before t02)");
        assertThat(world.appliedCount("t01", "sha-1111111")).isEqualTo(1);
        assertThat(world.appliedCount("t02", "sha-1111111"))
                .as("same batch as t01")
                .isZero();
        assertThat(events.get(events.size() - 1)).isEqualTo("kill-switch read");
    }

    @Test
    void onCallIsPagedBeforeAMainnetRollbackStartsAndNotForOtherEnvironments() throws Exception {
        assertThat(promote("sha-1111111", "testnet").outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(approvedMainnet("sha-1111111").outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(promote("sha-2222222", "testnet").outcome()).isEqualTo(Outcome.SUCCEEDED);
        world.broken.add("sha-2222222");
        events.clear();

        PromotionResult r = approvedMainnet("sha-2222222");

        assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.ROLLED_BACK);
        List<String> sideEffects = events.stream()
                .filter(e -> !e.equals("kill-switch read"))
                .map(e -> e.replace(r.promotionId(), "P"))
                .toList();
        assertThat(sideEffects)
                .containsExactly(
                        "deploy P/api//deploy sha-2222222",
                        "notify FAILED",
                        "notify ONCALL_ROLLBACK",
                        "deploy P/api//rollback sha-1111111",
                        "notify ROLLED_BACK");

        world.broken.clear();
        world.broken.add("sha-3333333");
        events.clear();
        PromotionResult testnet = promote("sha-3333333", "testnet");
        assertThat(testnet.outcome()).isEqualTo(Outcome.ROLLED_BACK);
        assertThat(events).contains("notify FAILED").doesNotContain("notify ONCALL_ROLLBACK");
    }
}
