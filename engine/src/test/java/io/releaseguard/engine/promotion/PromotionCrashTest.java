package io.releaseguard.engine.promotion;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseguard.engine.audit.AuditVerification;
import io.releaseguard.engine.config.ConfigLoader;
import io.releaseguard.engine.config.ReleaseGuardConfig;
import io.releaseguard.engine.health.HttpHealthProbe;
import io.releaseguard.engine.state.Deployment;
import io.releaseguard.engine.state.FileStateStore;
import io.releaseguard.engine.state.Outcome;
import io.releaseguard.engine.testing.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 100-tenant promotion in a child JVM is killed with SIGKILL at random points, again and again; running the same
 * promotion again resumes it. Afterwards every tenant ran the deploy step exactly once, the deployment succeeded
 * and the audit log verifies.
 */
class PromotionCrashTest {
    static final int TENANTS = 100;
    static final String RELEASE = "sha-c0ffee1";

    @TempDir
    Path tmp;

    static String policy(LoopbackFleet world) {
        return """
                version: 1
                environments:
                  - name: testnet
                    lockLease: 1h
                services:
                  - name: ledger
                    tenantsUrl: { testnet: "%1$s/tenants" }
                    buildinfo: { path: /buildinfo, pointer: /git_sha }
                    fleet: { canary: 1, batchSize: 10 }
                    health:
                      - name: ready
                        path: /health
                        json: [{ pointer: /status, equals: ok }]
                    deploy:
                      http: { url: "%1$s/deploy/ledger/{tenant}", body: '{"target_tag":"{release}"}' }
                """
                .formatted(world.base());
    }

    @Test
    void everyTenantIsDeployedExactlyOnceAcrossKillNineAndResume() throws Exception {
        long seed = Long.getLong("promotionCrash.seed", System.nanoTime());
        System.out.println("promotion crash test seed: " + seed);
        Random random = new Random(seed);
        try (LoopbackFleet world = new LoopbackFleet(TENANTS, "sha-0000001")) {
            Path policy = tmp.resolve("release-guard.yaml");
            Files.writeString(policy, policy(world));
            Path stateDir = tmp.resolve("state");
            int kills = 0;
            for (int round = 0; round < 6; round++) {
                int killAt = world.deployRequests.get() + 1 + random.nextInt(25);
                try (ChildJvm child = ChildJvm.start(PromotionChild.class, policy.toString(), stateDir.toString())) {
                    if (world.awaitDeployRequests(killAt, Duration.ofSeconds(60), () -> !child.isAlive())) {
                        child.kill();
                        kills++;
                    } else {
                        break;
                    }
                }
                if (world.deployRequests.get() >= TENANTS + 20) {
                    break;
                }
            }
            ReleaseGuardConfig config = ConfigLoader.load(policy);
            FileStateStore state = new FileStateStore(stateDir, Clock.systemUTC());
            try (HttpHealthProbe probe = new HttpHealthProbe()) {
                PromotionResult last = promoter(config, state, stateDir, probe)
                        .promote(new PromoteRequest(
                                RELEASE, "testnet", "ci", "tag:" + RELEASE, Optional.empty(), false));
                assertThat(last.outcome())
                        .as("seed %d: %s", seed, last.message())
                        .isEqualTo(PromotionResult.Outcome.SUCCEEDED);
            }
            System.out.println("promotion crash test: " + kills + " SIGKILLs, " + world.deployRequests.get()
                    + " deploy requests for " + TENANTS + " tenants (repeats were refused by idempotency key)");
            assertThat(kills).as("seed %d", seed).isGreaterThan(0);
            assertThat(world.deployRequests.get())
                    .as("seed %d: only crash repeats beyond one per tenant", seed)
                    .isLessThanOrEqualTo(TENANTS + kills);
            for (String t : world.tenants) {
                assertThat(world.appliedCount(t, RELEASE))
                        .as("seed %d tenant %s", seed, t)
                        .isEqualTo(1);
            }
            assertThat(state.lastSuccessful("testnet").map(Deployment::release)).contains(RELEASE);
            assertThat(state.deployments("testnet"))
                    .extracting(Deployment::outcome)
                    .containsOnly(Outcome.SUCCEEDED);
            AuditVerification v = state.audit().verify();
            assertThat(v.ok()).as("seed %d: %s", seed, v).isTrue();
        }
    }

    /** The child: runs the promotion to completion (unless killed first). */
    public static final class PromotionChild {
        public static void main(String[] args) throws Exception {
            Path policy = Path.of(args[0]);
            Path stateDir = Path.of(args[1]);
            ReleaseGuardConfig config = ConfigLoader.load(policy);
            FileStateStore state = new FileStateStore(stateDir, Clock.systemUTC());
            try (HttpHealthProbe probe = new HttpHealthProbe()) {
                PromotionResult r = promoter(config, state, stateDir, probe)
                        .promote(new PromoteRequest(
                                RELEASE, "testnet", "ci", "tag:" + RELEASE, Optional.empty(), false));
                System.out.println("RESULT " + r.outcome());
            }
        }
    }

    /** A promotion as the crash test runs it: real clock, no soaks, no commit statuses, progress discarded. */
    private static Promoter promoter(
            ReleaseGuardConfig config, FileStateStore state, Path stateDir, HttpHealthProbe probe) throws Exception {
        return new Promoter(TestPromotions.context(
                config, state, stateDir, Clock.systemUTC(), probe, Map::of, d -> {}, Optional.empty(), line -> {}));
    }
}
