package io.releaseguard.jenkins.promotion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.node.SerializingNode;
import io.releaseguard.engine.state.FileEnvironmentLocks;
import io.releaseguard.engine.testing.MutableClock;
import io.releaseguard.jenkins.policy.PolicyRef;
import io.releaseguard.jenkins.policy.PolicySource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The step's soak parking, Jenkins-free: attempts of one task through the serializing node, each ending WAITING at a
 * soak with the lock free, until the fleet is deployed; the step's Timer delay is what {@link SoakParking#delay} says.
 */
class SoakParkingTest {
    /** A fleet of three tenants: canary t1, a 1-minute soak, then one tenant per batch with 30 s between them. */
    private static final String FLEET =
            """
            version: 1
            environments:
              - name: testnet
            services:
              - name: ledger
                tenants:
                  - { name: t1, url: "http://t1.test" }
                  - { name: t2, url: "http://t2.test" }
                  - { name: t3, url: "http://t3.test" }
                fleet: { canary: 1, canarySoak: 1m, batchSize: 1, soakBetweenBatches: 30s }
                deploy:
                  command: sh -c 'echo "$1" >> deploys' deploy {tenant}
            """;

    private final MutableClock clock = MutableClock.at("2026-11-24T15:00:00Z");
    private final SerializingNode node = new SerializingNode();
    private final List<String> progress = new ArrayList<>();

    @TempDir
    Path dir;

    private StepOutcome attempt(PromotionTask task) throws ReleaseGuardException {
        return task.attempt(
                new PolicySource(FLEET, "release-guard.yaml", dir),
                new StepNode(node, dir.toString()),
                Map.of(),
                clock,
                SoakParking.soaker(),
                progress::add);
    }

    private List<String> deploys() throws Exception {
        Path log = dir.resolve("deploys");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    @Test
    void attemptsParkAtEachSoakAndFinishTheFleetDeployingEachTenantOnce() throws Exception {
        PromotionTask task = PromotionTask.promote(
                "sha-abc1234", "testnet", false, null, "alice", PolicyRef.global(), dir.resolve("state"));
        Instant start = clock.instant();

        StepOutcome.Waiting canary = assertInstanceOf(StepOutcome.Waiting.class, attempt(task));
        assertEquals(start.plus(Duration.ofMinutes(1)), canary.until());
        assertEquals(List.of("t1"), deploys());
        assertTrue(
                new FileEnvironmentLocks(dir.resolve("state").resolve("locks"), clock)
                        .current("testnet")
                        .filter(lease -> lease.expiresAt().isAfter(canary.until()))
                        .isPresent(),
                "the soaking promotion keeps the environment's lock past the soak's end");
        assertEquals(Duration.ofMinutes(1), SoakParking.delay(canary.until(), clock));

        clock.advance(Duration.ofSeconds(20));
        StepOutcome.Waiting early = assertInstanceOf(StepOutcome.Waiting.class, attempt(task));
        assertEquals(canary.until(), early.until());
        assertEquals(Duration.ofSeconds(40), SoakParking.delay(early.until(), clock));
        assertEquals(List.of("t1"), deploys());

        clock.advance(Duration.ofSeconds(40));
        StepOutcome.Waiting batch = assertInstanceOf(StepOutcome.Waiting.class, attempt(task));
        assertEquals(clock.instant().plus(Duration.ofSeconds(30)), batch.until());
        assertEquals(List.of("t1", "t2"), deploys());

        clock.advance(Duration.ofSeconds(31));
        assertEquals(Duration.ZERO, SoakParking.delay(batch.until(), clock), "a late wake-up promotes at once");
        StepOutcome.Finished done = assertInstanceOf(StepOutcome.Finished.class, attempt(task));
        assertEquals("SUCCEEDED", done.value().get("outcome"));
        assertEquals(List.of("t1", "t2", "t3"), deploys());
        assertTrue(canary.message().contains("keeps the environment's lock"), canary.message());
        assertTrue(canary.message().contains("holds no thread"), canary.message());
    }

    @Test
    void shortWaitsAreSleptAndLongOnesParked() {
        assertFalse(SoakParking.soaker().parks(SoakParking.PARK_OVER));
        assertTrue(SoakParking.soaker().parks(SoakParking.PARK_OVER.plusMillis(1)));
    }
}
