package io.releaseguard.jenkins.promotion;

import static io.releaseguard.jenkins.TestPolicies.PROMOTION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.approval.ApprovalStatus;
import io.releaseguard.engine.approval.ApprovalStatus.State;
import io.releaseguard.engine.approval.Approvals;
import io.releaseguard.engine.node.SerializingNode;
import io.releaseguard.engine.state.Decision;
import io.releaseguard.engine.state.FileStateStore;
import io.releaseguard.jenkins.policy.PolicyRef;
import io.releaseguard.jenkins.policy.PolicySource;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parked steps are woken by decisions, settle exactly once, miss nothing recorded while they parked, and notice
 * decisions recorded outside Jenkins when everything parked is rechecked.
 */
class ApprovalWaitsTest {
    private static final String ID = "mainnet-sha-abc1234-20261124-150000";

    private final ApprovalWaits waits = new ApprovalWaits();
    private final ExecutorService threads = Executors.newFixedThreadPool(8);

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    private static ApprovalStatus status(State state, int have) {
        return new ApprovalStatus(state, have, 2, List.of(), List.of(), Optional.empty(), state + " " + have + "/2");
    }

    /** Records what it was told; {@link #settledOnce} opens when it is settled. */
    private static final class Step implements ApprovalWaits.Waiter {
        final List<String> decisions = new CopyOnWriteArrayList<>();
        final AtomicInteger settled = new AtomicInteger();
        final CountDownLatch settledOnce = new CountDownLatch(1);

        @Override
        public void decided(String promotionId, String userId, Decision decision, ApprovalStatus status) {
            assertEquals(ID, promotionId);
            decisions.add(userId + " " + decision + ": " + status.message());
        }

        @Override
        public void settled() {
            settled.incrementAndGet();
            settledOnce.countDown();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aPendingDecisionIsPassedOnAndTheStepKeepsWaiting() throws Exception {
        Step step = new Step();
        waits.park(ID, step, id -> status(State.PENDING, 0));

        int told = waits.decided(ID, "bob", Decision.APPROVE, status(State.PENDING, 1));

        assertEquals(1, told);
        assertEquals(List.of("bob APPROVE: PENDING 1/2"), step.decisions);
        assertEquals(0, step.settled.get());
        assertTrue(waits.isWaiting(ID));
    }

    @Test
    void theDecisionThatCompletesTheApprovalsSettlesTheStepOnce() throws Exception {
        Step step = new Step();
        waits.park(ID, step, id -> status(State.PENDING, 1));

        waits.decided(ID, "carol", Decision.APPROVE, status(State.APPROVED, 2));
        int toldLater = waits.decided(ID, "dave", Decision.APPROVE, status(State.APPROVED, 2));

        assertEquals(1, step.settled.get());
        assertEquals(0, toldLater);
        assertFalse(waits.isWaiting(ID));
    }

    @Test
    void aRejectionSettlesTheStepToo() throws Exception {
        Step step = new Step();
        waits.park(ID, step, id -> status(State.PENDING, 0));

        waits.decided(ID, "bob", Decision.REJECT, status(State.REJECTED, 0));

        assertEquals(1, step.settled.get());
        assertEquals(List.of("bob REJECT: REJECTED 0/2"), step.decisions);
    }

    @Test
    void approvalsThatArrivedBeforeParkingSettleAtOnce() throws Exception {
        Step step = new Step();

        waits.park(ID, step, id -> status(State.APPROVED, 2));

        assertEquals(1, step.settled.get());
        assertFalse(waits.isWaiting(ID));
    }

    @Test
    void aDecisionArrivingWhileTheStepParksSettlesItOnce() throws Exception {
        Step step = new Step();
        CountDownLatch registered = new CountDownLatch(1);
        CountDownLatch decisionDelivered = new CountDownLatch(1);
        // The engine records the final approval just after the step registered and before it reads the status.
        Future<ApprovalWaits.Parking> parking = threads.submit(() -> waits.park(ID, step, id -> {
            registered.countDown();
            await(decisionDelivered);
            return status(State.APPROVED, 2);
        }));
        assertTrue(registered.await(10, TimeUnit.SECONDS));

        waits.decided(ID, "carol", Decision.APPROVE, status(State.APPROVED, 2));
        decisionDelivered.countDown();
        parking.get(10, TimeUnit.SECONDS);

        assertTrue(step.settledOnce.await(10, TimeUnit.SECONDS));
        assertEquals(1, step.settled.get());
    }

    @Test
    void manyConcurrentFinalDecisionsSettleEachParkedStepExactlyOnce() throws Exception {
        Step first = new Step();
        Step second = new Step();
        waits.park(ID, first, id -> status(State.PENDING, 1));
        waits.park(ID, second, id -> status(State.PENDING, 1));
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> deciders = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 8; i++) {
            String user = "reviewer" + i;
            deciders.add(threads.submit(() -> {
                go.await();
                return waits.decided(ID, user, Decision.APPROVE, status(State.APPROVED, 2));
            }));
        }

        go.countDown();
        for (Future<Integer> f : deciders) {
            f.get(10, TimeUnit.SECONDS);
        }

        assertEquals(1, first.settled.get());
        assertEquals(1, second.settled.get());
        assertFalse(waits.isWaiting(ID));
    }

    @Test
    void aStoppedStepIsNeitherToldNorSettled() throws Exception {
        Step step = new Step();
        ApprovalWaits.Parking parking = waits.park(ID, step, id -> status(State.PENDING, 0));

        parking.cancel();
        int told = waits.decided(ID, "bob", Decision.APPROVE, status(State.APPROVED, 2));

        assertEquals(0, told);
        assertEquals(List.of(), step.decisions);
        assertEquals(0, step.settled.get());
    }

    @Test
    void aStatusThatCannotBeReadParksNothing() {
        Step step = new Step();
        AtomicReference<String> asked = new AtomicReference<>();

        ReleaseGuardException e = assertThrows(
                ReleaseGuardException.class,
                () -> waits.park(ID, step, id -> {
                    asked.set(id);
                    throw new ReleaseGuardException(ExitCode.INVALID, "no global release policy is configured");
                }));

        assertEquals(ID, asked.get());
        assertEquals("no global release policy is configured", e.getMessage());
        assertFalse(waits.isWaiting(ID));
    }

    @Test
    void anApprovalRecordedThroughTheEngineIsPickedUpByARecheckAndSettlesTheStepOnce(@TempDir Path dir)
            throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2026-11-24T15:00:00Z"), ZoneOffset.UTC);
        PolicySource policy = new PolicySource(PROMOTION, "release-guard.yaml", dir);
        Path state = dir.resolve("state");
        String promotionId = null;
        for (String env : List.of("testnet", "mainnet")) {
            StepOutcome outcome = PromotionTask.promote(
                            "sha-abc1234", env, false, null, "alice", PolicyRef.global(), state)
                    .attempt(
                            policy,
                            new StepNode(new SerializingNode(), dir.toString()),
                            Map.of(),
                            clock,
                            d -> {},
                            line -> {});
            if (outcome instanceof StepOutcome.AwaitingApprovals a) {
                promotionId = a.promotionId();
            }
        }
        Step step = new Step();
        ApprovalDesk desk = new ApprovalDesk(policy, state, clock);
        waits.park(promotionId, step, desk::status);
        // What `release-guard approve` does: the engine records the decision; nothing in Jenkins is told.
        Approvals cli = new Approvals(policy.load(), new FileStateStore(state, clock), clock);

        cli.decide(promotionId, "bob", Decision.APPROVE, "");
        int afterOne = waits.recheckAll();
        cli.decide(promotionId, "carol", Decision.APPROVE, "");
        int afterTwo = waits.recheckAll();
        int again = waits.recheckAll();

        assertEquals(List.of(0, 1, 0), List.of(afterOne, afterTwo, again));
        await(step.settledOnce);
        assertEquals(1, step.settled.get());
        assertEquals(List.of(), step.decisions);
        assertFalse(waits.isWaiting(promotionId));
    }

    @Test
    void aRecheckWithNothingParkedIsANoOp() throws Exception {
        AtomicInteger reads = new AtomicInteger();
        Step settled = new Step();
        Step stopped = new Step();
        waits.park(ID, settled, id -> {
            reads.incrementAndGet();
            return status(State.APPROVED, 2);
        });
        waits.park(ID, stopped, id -> {
                    reads.incrementAndGet();
                    return status(State.PENDING, 0);
                })
                .cancel();

        assertEquals(0, new ApprovalWaits().recheckAll());
        assertEquals(0, waits.recheckAll());

        assertEquals(2, reads.get());
        assertEquals(1, settled.settled.get());
        assertEquals(0, stopped.settled.get());
        assertFalse(waits.isWaiting(ID));
    }

    @Test
    void aStatusThatCannotBeReadForOnePromotionDoesNotStopTheOthers() throws Exception {
        AtomicReference<State> later = new AtomicReference<>(State.PENDING);
        AtomicInteger brokenReads = new AtomicInteger();
        Step broken = new Step();
        Step buggy = new Step();
        Step approved = new Step();
        waits.park("broken", broken, id -> {
            if (brokenReads.getAndIncrement() == 1) {
                throw new ReleaseGuardException(ExitCode.INVALID, "state file is not valid JSON");
            }
            return status(State.PENDING, 0);
        });
        AtomicInteger buggyReads = new AtomicInteger();
        waits.park("buggy", buggy, id -> {
            if (buggyReads.getAndIncrement() > 0) {
                throw new IllegalStateException("a bug");
            }
            return status(State.PENDING, 0);
        });
        waits.park(ID, approved, id -> status(later.get(), 2));
        later.set(State.APPROVED);

        int settled = waits.recheckAll();

        assertEquals(1, settled);
        await(approved.settledOnce);
        assertEquals(List.of(0, 0, 1), List.of(broken.settled.get(), buggy.settled.get(), approved.settled.get()));
        assertTrue(waits.isWaiting("broken"));
        assertTrue(waits.isWaiting("buggy"));

        // The broken promotion reads again later and is still rechecked; the one settled before is not settled again.
        assertEquals(0, waits.recheckAll());
        assertEquals(3, brokenReads.get());
        assertEquals(1, approved.settled.get());
    }

    @Test
    void concurrentRechecksAndDecisionsSettleAParkedStepExactlyOnce() throws Exception {
        Step step = new Step();
        AtomicReference<State> engine = new AtomicReference<>(State.PENDING);
        waits.park(ID, step, id -> status(engine.get(), engine.get() == State.APPROVED ? 2 : 1));
        engine.set(State.APPROVED);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> racers = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 8; i++) {
            boolean recheck = i % 2 == 0;
            racers.add(threads.submit(() -> {
                go.await();
                return recheck
                        ? waits.recheckAll()
                        : waits.decided(ID, "carol", Decision.APPROVE, status(State.APPROVED, 2));
            }));
        }

        go.countDown();
        for (Future<Integer> f : racers) {
            f.get(10, TimeUnit.SECONDS);
        }

        await(step.settledOnce);
        assertEquals(1, step.settled.get());
        assertFalse(waits.isWaiting(ID));
    }
}
