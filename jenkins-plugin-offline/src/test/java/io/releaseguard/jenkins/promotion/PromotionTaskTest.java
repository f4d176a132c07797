package io.releaseguard.jenkins.promotion;

import static io.releaseguard.jenkins.TestPolicies.BROKEN_RELEASE;
import static io.releaseguard.jenkins.TestPolicies.PROMOTION;
import static io.releaseguard.jenkins.TestPolicies.PROMOTION_FROZEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.node.SerializingNode;
import io.releaseguard.engine.promotion.PromoteRequest;
import io.releaseguard.engine.promotion.Soaker;
import io.releaseguard.engine.state.Decision;
import io.releaseguard.jenkins.policy.PolicyRef;
import io.releaseguard.jenkins.policy.PolicySource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Argument translation and every ending of a promotion, through the real engine under the shared test policy. */
class PromotionTaskTest {
    private static final Soaker NO_SOAK = d -> {
        throw new AssertionError("the test policy has no soaks, yet the engine soaked " + d);
    };

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-24T15:00:00Z"), ZoneOffset.UTC);
    private final List<String> progress = new ArrayList<>();
    private final SerializingNode node = new SerializingNode();

    @TempDir
    Path dir;

    private PolicySource policy(String yaml) {
        return new PolicySource(yaml, "release-guard.yaml", dir);
    }

    private PromotionTask promote(String release, String to, String requester) throws ReleaseGuardException {
        return PromotionTask.promote(release, to, false, null, requester, PolicyRef.global(), dir.resolve("state"));
    }

    private StepOutcome attempt(PromotionTask task, String yaml) throws ReleaseGuardException {
        return task.attempt(policy(yaml), new StepNode(node, dir.toString()), Map.of(), clock, NO_SOAK, progress::add);
    }

    private ApprovalDesk desk() throws ReleaseGuardException {
        return new ApprovalDesk(policy(PROMOTION), dir.resolve("state"), clock);
    }

    @Test
    void argumentsBecomeTheEngineRequestWithTheRequesterFromTheBuild() throws Exception {
        PromotionTask task =
                PromotionTask.promote("sha-abc1234", "mainnet", true, "pager 4711", "alice", PolicyRef.global(), dir);

        assertEquals(
                new PromoteRequest(
                        "sha-abc1234", "mainnet", "alice", "tag:sha-abc1234", Optional.of("pager 4711"), false),
                task.request());
        assertEquals("sha-abc1234 to mainnet, requested by alice as an emergency (pager 4711)", task.describe());
        assertEquals(
                Optional.of(""),
                PromotionTask.promote("sha-abc1234", "mainnet", true, " ", "alice", PolicyRef.global(), dir)
                        .request()
                        .emergencyReason());
    }

    @Test
    void missingOrMisplacedArgumentsAreRefusedBeforeTheEngineRuns() {
        ReleaseGuardException noRelease = assertThrows(
                ReleaseGuardException.class,
                () -> PromotionTask.promote(null, "mainnet", false, null, "alice", PolicyRef.global(), dir));
        ReleaseGuardException noTarget = assertThrows(
                ReleaseGuardException.class,
                () -> PromotionTask.promote("sha-abc1234", " ", false, null, "alice", PolicyRef.global(), dir));
        ReleaseGuardException reasonAlone = assertThrows(
                ReleaseGuardException.class,
                () -> PromotionTask.promote(
                        "sha-abc1234", "mainnet", false, "why not", "alice", PolicyRef.global(), dir));

        assertEquals("releaseGuardPromote: 'release' is required", noRelease.getMessage());
        assertEquals("releaseGuardPromote: 'to' is required", noTarget.getMessage());
        assertEquals("releaseGuardPromote: 'reason' goes with 'emergency: true'", reasonAlone.getMessage());
        assertEquals(ExitCode.INVALID, reasonAlone.exitCode());
    }

    @Test
    void aLivePromotionReturnsItsResultAsAMapAndDeploysOnce() throws Exception {
        StepOutcome outcome = attempt(promote("sha-abc1234", "testnet", "alice"), PROMOTION);

        Map<String, Object> value =
                assertInstanceOf(StepOutcome.Finished.class, outcome).value();
        assertEquals(
                List.of("promotionId", "release", "environment", "outcome", "message", "manifest", "review", "json"),
                List.copyOf(value.keySet()));
        assertEquals("SUCCEEDED", value.get("outcome"));
        assertEquals("sha-abc1234 is live in testnet", value.get("message"));
        assertTrue(Files.exists(Path.of((String) value.get("manifest"))), value.toString());
        assertNull(value.get("review"));
        assertTrue(
                ((String) value.get("json")).startsWith("{\"promotionId\":\"testnet-sha-abc1234-"), value.toString());
        assertTrue(Files.exists(dir.resolve("deployed-testnet-sha-abc1234")));
        assertTrue(progress.contains("api: done"), progress.toString());
        assertEquals(1, node.calls("NodeDeployer.Call"), "the deploy command ran as a task on the node");
    }

    @Test
    void missingApprovalsWaitAndTheSameTaskFinishesOnceTheyAreIn() throws Exception {
        attempt(promote("sha-abc1234", "testnet", "alice"), PROMOTION);
        PromotionTask mainnet = promote("sha-abc1234", "mainnet", "alice");

        StepOutcome.AwaitingApprovals waiting =
                assertInstanceOf(StepOutcome.AwaitingApprovals.class, attempt(mainnet, PROMOTION));
        assertTrue(waiting.message().contains("APPROVALS: awaiting approvals (0/2): none yet"), waiting.message());
        assertFalse(Files.exists(dir.resolve("deployed-mainnet-sha-abc1234")));

        desk().decide(waiting.promotionId(), "bob", Decision.APPROVE, "lgtm");
        assertInstanceOf(StepOutcome.AwaitingApprovals.class, attempt(mainnet, PROMOTION));
        desk().decide(waiting.promotionId(), "carol", Decision.APPROVE, "");
        StepOutcome.Finished live = assertInstanceOf(StepOutcome.Finished.class, attempt(mainnet, PROMOTION));

        assertEquals(waiting.promotionId(), live.value().get("promotionId"));
        assertTrue(Files.exists(dir.resolve("deployed-mainnet-sha-abc1234")));
        String manifest = Files.readString(Path.of((String) live.value().get("manifest")));
        assertTrue(
                manifest.contains("\"bob\"") && manifest.contains("\"carol\"") && manifest.contains("lgtm"), manifest);
    }

    @Test
    void aRejectionFailsTheStepWithoutFailingTheBuild() throws Exception {
        attempt(promote("sha-abc1234", "testnet", "alice"), PROMOTION);
        PromotionTask mainnet = promote("sha-abc1234", "mainnet", "alice");
        String id = ((StepOutcome.AwaitingApprovals) attempt(mainnet, PROMOTION)).promotionId();

        desk().decide(id, "bob", Decision.REJECT, "not this week");
        StepOutcome.Failed failed = assertInstanceOf(StepOutcome.Failed.class, attempt(mainnet, PROMOTION));

        assertTrue(failed.message().startsWith("BLOCKED: promotion " + id + " blocked:"), failed.message());
        assertTrue(failed.message().contains("APPROVALS: rejected by bob at "), failed.message());
        assertFalse(failed.failsBuild());
    }

    @Test
    void aFreezeFailsTheStepEvenWhileApprovalsAreMissing() throws Exception {
        attempt(promote("sha-abc1234", "testnet", "alice"), PROMOTION_FROZEN);

        StepOutcome.Failed failed = assertInstanceOf(
                StepOutcome.Failed.class, attempt(promote("sha-abc1234", "mainnet", "alice"), PROMOTION_FROZEN));

        assertTrue(failed.message().contains("FREEZE: "), failed.message());
        assertTrue(failed.message().contains("APPROVALS: awaiting approvals (0/2)"), failed.message());
        assertFalse(failed.failsBuild());
    }

    @Test
    void aFailedDeployIsRolledBackByTheEngineAndFailsTheBuild() throws Exception {
        attempt(promote("sha-1111111", "testnet", "alice"), PROMOTION);

        StepOutcome.Failed failed = assertInstanceOf(
                StepOutcome.Failed.class, attempt(promote(BROKEN_RELEASE, "testnet", "alice"), PROMOTION));

        assertTrue(failed.message().startsWith("ROLLED_BACK: "), failed.message());
        assertTrue(failed.message().contains("\npost-incident review: "), failed.message());
        assertTrue(failed.failsBuild());
        assertFalse(Files.exists(dir.resolve("deployed-testnet-" + BROKEN_RELEASE)));
    }

    @Test
    void resumeNamesWhyThereIsNothingToResume() throws Exception {
        attempt(promote("sha-abc1234", "testnet", "alice"), PROMOTION);
        String id = ((StepOutcome.AwaitingApprovals) attempt(promote("sha-abc1234", "mainnet", "alice"), PROMOTION))
                .promotionId();

        ReleaseGuardException pending = assertThrows(
                ReleaseGuardException.class,
                () -> PromotionTask.resume(id, PolicyRef.global(), dir.resolve("state"), clock));
        ReleaseGuardException unknown = assertThrows(
                ReleaseGuardException.class,
                () -> PromotionTask.resume("mainnet-nope", PolicyRef.global(), dir.resolve("state"), clock));
        ReleaseGuardException traversal = assertThrows(
                ReleaseGuardException.class,
                () -> PromotionTask.resume("../../secrets", PolicyRef.global(), dir.resolve("state"), clock));

        assertEquals(
                "releaseGuardResume: nothing to resume for promotion " + id
                        + ": it is PENDING, not interrupted during its rollout",
                pending.getMessage());
        assertTrue(unknown.getMessage().endsWith(": there is no such promotion in " + dir.resolve("state")));
        assertTrue(traversal.getMessage().startsWith("promotion id \"../../secrets\" is not allowed"));
        ReleaseGuardException noState = assertThrows(
                ReleaseGuardException.class,
                () -> PromotionTask.resume("mainnet-nope", PolicyRef.global(), dir.resolve("fresh"), clock));
        assertTrue(noState.getMessage().endsWith(": there is no such promotion in " + dir.resolve("fresh")));
    }

    @Test
    void aPausedTaskSurvivesSerialisationAndPromotesTheSame() throws Exception {
        PromotionTask task = PromotionTask.promote(
                "sha-abc1234",
                "mainnet",
                true,
                "pager",
                "alice",
                PolicyRef.snapshot(policy(PROMOTION)),
                dir.resolve("state"));

        PromotionTask back = roundTrip(task);

        assertEquals(task.request(), back.request());
        assertEquals(task.stateDir(), back.stateDir());
        assertEquals(PROMOTION, back.policy().resolve(() -> null).yaml());
        assertEquals(dir, back.policy().resolve(() -> null).baseDir());
    }

    @SuppressWarnings("unchecked")
    static <T> T roundTrip(T value) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }
}
