package io.releaseguard.engine.promotion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.audit.AuditRecord;
import io.releaseguard.engine.config.ConfigLoader;
import io.releaseguard.engine.config.ReleaseGuardConfig;
import io.releaseguard.engine.deploy.DeployOutcome;
import io.releaseguard.engine.deploy.DeployRequest;
import io.releaseguard.engine.deploy.Deployer;
import io.releaseguard.engine.health.HttpHealthProbe;
import io.releaseguard.engine.promotion.PromotionResult.Outcome;
import io.releaseguard.engine.state.Deployment;
import io.releaseguard.engine.state.FileEnvironmentLocks;
import io.releaseguard.engine.state.FileStateStore;
import io.releaseguard.engine.state.LockHeldException;
import io.releaseguard.engine.state.LockLease;
import io.releaseguard.engine.state.PendingPromotion;
import io.releaseguard.engine.state.PromotionStatus;
import io.releaseguard.engine.state.StaleLeaseException;
import io.releaseguard.engine.testing.Eventually;
import io.releaseguard.engine.testing.MutableClock;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The environment lock of a running promotion: kept renewed while a deploy outlasts its lease, and a run whose lock
 * was taken over writes nothing more; an interrupted promotion overtaken by a newer release is never resumed.
 */
class LeaseFencingTest {
    private static final Duration LEASE = Duration.ofSeconds(5);

    @TempDir
    Path tmp;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T15:00:00Z"));
    private final List<String> deployed = new CopyOnWriteArrayList<>();
    private final List<String> progress = new CopyOnWriteArrayList<>();
    private final Map<String, Deployer> byRelease = new java.util.concurrent.ConcurrentHashMap<>();
    private HttpHealthProbe probe;
    private ReleaseGuardConfig config;
    private Path stateDir;

    @BeforeEach
    void setUp() throws Exception {
        probe = new HttpHealthProbe();
        stateDir = tmp.resolve("state");
        config = ConfigLoader.parse(
                """
                version: 1
                environments:
                  - name: testnet
                    lockLease: 5s
                services:
                  - name: api
                """,
                "policy.yaml",
                tmp);
    }

    @AfterEach
    void tearDown() {
        probe.close();
    }

    /** A promoter in its own state store on the shared state directory, as a second process would have. */
    private Promoter promoter() throws Exception {
        return promoter(new FileStateStore(stateDir, clock), s -> r -> {
            deployed.add(r.release() + " fence=" + r.fence());
            Deployer special = byRelease.get(r.release());
            return special == null ? new DeployOutcome(true, "deployed " + r.release()) : special.deploy(r);
        });
    }

    private Promoter promoter(io.releaseguard.engine.state.StateStore state, Function<?, Deployer> deployers)
            throws Exception {
        @SuppressWarnings("unchecked")
        Function<io.releaseguard.engine.config.ServiceSpec, Deployer> typed =
                (Function<io.releaseguard.engine.config.ServiceSpec, Deployer>) (Function<?, ?>) deployers;
        return new Promoter(TestPromotions.context(
                config,
                state,
                stateDir,
                clock,
                probe,
                Map::of,
                clock::advance,
                Optional.empty(),
                progress::add,
                typed,
                Optional.empty()));
    }

    private static PromoteRequest request(String release) {
        return new PromoteRequest(release, "testnet", "zoe", "tag:" + release, Optional.empty(), false);
    }

    private FileEnvironmentLocks locks() {
        return new FileEnvironmentLocks(stateDir.resolve("locks"), clock);
    }

    @Test
    void aDeploySlowerThanTheLeaseKeepsTheLockSoASecondPromotionIsRefused() throws Exception {
        List<Object> second = new CopyOnWriteArrayList<>();
        byRelease.put("v9", r -> {
            for (int i = 0; i < 2; i++) {
                clock.advance(Duration.ofSeconds(3));
                // The deploy blocks for longer than the lease; the keeper's heartbeat renews it meanwhile.
                Eventually.until(
                        "the lease renewed past the deploy's time", Duration.ofSeconds(20), () -> locks().current(
                                        "testnet")
                                .map(l -> l.expiresAt().isAfter(clock.instant().plusSeconds(3)))
                                .orElse(false));
            }
            try {
                second.add(promoter().promote(request("v10")));
            } catch (Exception e) {
                second.add(e);
            }
            return new DeployOutcome(true, "v9 deployed after 6s");
        });

        PromotionResult first = promoter().promote(request("v9"));

        assertThat(first.outcome()).as(first.message()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(second).singleElement().isInstanceOf(LockHeldException.class);
        assertThat(((Exception) second.get(0)).getMessage()).contains("is locked: held by testnet-v9-");
        assertThat(deployed).containsExactly("v9 fence=1");
        FileStateStore state = new FileStateStore(stateDir, clock);
        assertThat(state.lastSuccessful("testnet").map(Deployment::release)).contains("v9");
        assertThat(locks().current("testnet")).isEmpty();
    }

    @Test
    void aRunWhoseLockWasTakenOverStopsBeforeItsNextWriteAndSaysSo() throws Exception {
        // Another process, whose clock is past this run's lease (this one was paused, say by SIGSTOP), takes the lock.
        MutableClock later = new MutableClock(clock.instant().plus(Duration.ofHours(1)));
        List<LockLease> stolen = new CopyOnWriteArrayList<>();
        byRelease.put("v9", r -> {
            stolen.add(new FileEnvironmentLocks(stateDir.resolve("locks"), later).acquire("testnet", "other", LEASE));
            return new DeployOutcome(true, "v9 deployed");
        });

        assertThatThrownBy(() -> promoter().promote(request("v9")))
                .isInstanceOf(StaleLeaseException.class)
                .hasMessageContaining("fencing token 1 is stale: token 2 was issued to other")
                .hasMessageContaining("this promotion stopped before its next production call or state write")
                .satisfies(
                        e -> assertThat(((ReleaseGuardException) e).exitCode()).isEqualTo(ExitCode.BLOCKED));

        FileStateStore state = new FileStateStore(stateDir, clock);
        assertThat(state.lastSuccessful("testnet")).isEmpty();
        assertThat(state.audit().read().records())
                .extracting(AuditRecord::action)
                .doesNotContain("promotion.live");
        PendingPromotion p = state.promotions(Optional.empty()).get(0);
        PromotionJournal journal = PromotionJournal.open(PromotionJournal.file(stateDir, p.id()), clock);
        assertThat(journal.state(new StepKey(p.id(), "api", "", "deploy")))
                .hasValueSatisfying(e -> assertThat(e.status()).isEqualTo(PromotionJournal.Status.STARTED));
        assertThat(locks().current("testnet"))
                .as("the lock stays with the process that took it over")
                .hasValueSatisfying(l -> assertThat(l.holder()).isEqualTo("other"));
    }

    @Test
    void anInterruptedPromotionOvertakenByANewerReleaseIsSupersededNotResumed() throws Exception {
        byRelease.put("v3", r -> {
            throw new IllegalStateException("killed mid-deploy");
        });
        assertThatThrownBy(() -> promoter().promote(request("v3"))).hasMessage("killed mid-deploy");
        byRelease.remove("v3");
        clock.advance(Duration.ofMinutes(1));
        assertThat(promoter().promote(request("v4")).outcome()).isEqualTo(Outcome.SUCCEEDED);
        FileStateStore state = new FileStateStore(stateDir, clock);
        List<PendingPromotion> interrupted = Promoter.interrupted(state, Optional.empty());
        assertThat(interrupted).extracting(PendingPromotion::release).containsExactly("v3");

        PromotionResult resumed = promoter().promote(PromoteRequest.resuming(interrupted.get(0)));

        assertThat(resumed.outcome()).isEqualTo(Outcome.BLOCKED);
        assertThat(resumed.exitCode()).isEqualTo(ExitCode.BLOCKED);
        assertThat(resumed.message())
                .startsWith("SUPERSEDED: promotion " + interrupted.get(0).id() + " (v3) was interrupted; since it")
                .contains("put v4 live in testnet")
                .contains("it is not resumed and nothing was deployed");
        assertThat(deployed).containsExactly("v3 fence=1", "v4 fence=2");
        assertThat(state.lastSuccessful("testnet").map(Deployment::release)).contains("v4");
        assertThat(state.promotion(interrupted.get(0).id()).orElseThrow().status())
                .isEqualTo(PromotionStatus.SUPERSEDED);
        assertThat(state.audit().read().records())
                .filteredOn(a -> a.action().equals("promotion.superseded"))
                .singleElement()
                .satisfies(a -> assertThat(a.verdict()).isEqualTo("SUPERSEDED"));
        assertThat(Promoter.interrupted(state, Optional.empty())).isEmpty();
        assertThat(locks().current("testnet")).isEmpty();
    }

    @Test
    void anHttpDeployCarriesTheFencingTokenOfTheLockItRunsUnder() throws Exception {
        List<String> fences = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/deploy", x -> {
            fences.add(String.valueOf(x.getRequestHeaders().getFirst("X-Release-Guard-Fence")));
            x.sendResponseHeaders(204, -1);
            x.close();
        });
        server.start();
        try {
            config = ConfigLoader.parse(
                    """
                    version: 1
                    environments:
                      - name: testnet
                        lockLease: 5s
                    services:
                      - name: api
                        deploy:
                          http: { url: "http://127.0.0.1:%d/deploy", body: '{"tag":"{release}"}' }
                    """
                            .formatted(server.getAddress().getPort()),
                    "policy.yaml",
                    tmp);
            Promoter promoter = promoter(new FileStateStore(stateDir, clock), TestPromotions.httpDeployers());
            assertThat(promoter.promote(request("v1")).outcome()).isEqualTo(Outcome.SUCCEEDED);
            new FileEnvironmentLocks(stateDir.resolve("locks"), clock).acquire("testnet", "someone-else", LEASE);
            clock.advance(LEASE);
            assertThat(promoter.promote(request("v2")).outcome()).isEqualTo(Outcome.SUCCEEDED);
        } finally {
            server.stop(0);
        }
        assertThat(fences).containsExactly("1", "3");
    }

    @Test
    void commandDeploysSeeTheFencingTokenLocallyAndOverSsh() {
        DeployRequest r = new DeployRequest(
                        "testnet", "api", "v1", Optional.empty(), new StepKey("p", "api", "", "deploy"))
                .withFence(42);
        assertThat(r.variables()).containsEntry("RELEASE_GUARD_FENCE", "42");
        assertThat(r.withStep("deploy-start").fence()).isEqualTo(42);
        assertThat(new DeployRequest("testnet", "api", "v1", Optional.empty(), r.key()).variables())
                .doesNotContainKey("RELEASE_GUARD_FENCE");
    }
}
