package io.releaseguard.jenkins.approval;

import static io.releaseguard.jenkins.TestPolicies.PROMOTION;
import static io.releaseguard.jenkins.approval.Promotions.TESTNET_THEN_MAINNET;
import static io.releaseguard.jenkins.approval.Promotions.configure;
import static io.releaseguard.jenkins.approval.Promotions.decisions;
import static io.releaseguard.jenkins.approval.Promotions.pipeline;
import static io.releaseguard.jenkins.approval.Promotions.post;
import static io.releaseguard.jenkins.approval.Promotions.startAs;
import static io.releaseguard.jenkins.approval.Promotions.waitingPromotion;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.concurrent.atomic.AtomicReference;
import org.jenkinsci.plugins.workflow.graphanalysis.DepthFirstScanner;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.support.actions.PauseAction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

class ReleaseGuardPromoteStepRestartTest {
    @RegisterExtension
    static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    @RegisterExtension
    final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    @Test
    void aPromotionWaitingForApprovalsSurvivesARestartAndTheNextApprovalFinishesIt() throws Throwable {
        AtomicReference<String> id = new AtomicReference<>();
        sessions.then(r -> {
            configure(r, PROMOTION);
            WorkflowRun b = startAs(pipeline(r, "release", TESTNET_THEN_MAINNET), "alice");
            id.set(waitingPromotion(r, b));
            assertEquals(
                    200,
                    post(r, "bob", b, id.get(), "approve", "before the restart").getStatusCode());
            r.waitForMessage("bob approved promotion " + id.get() + ": awaiting approvals (1/2)", b);
        });
        sessions.then(r -> {
            configure(r, PROMOTION);
            WorkflowRun b =
                    r.jenkins.getItemByFullName("release", WorkflowJob.class).getBuildByNumber(1);
            assertTrue(b.isBuilding());
            String buildXml = Files.readString(b.getRootDir().toPath().resolve("build.xml"), StandardCharsets.UTF_8);
            assertTrue(buildXml.contains(id.get()), "the approval page keeps the promotion id");
            assertFalse(buildXml.contains("PromotionStepExecution"), "build.xml holds no live step");
            assertFalse(buildXml.contains("group:leads"), "build.xml holds no copy of the global policy");
            assertEquals(
                    1,
                    new DepthFirstScanner()
                            .allNodes(b.getExecution()).stream()
                                    .filter(PauseAction::isPaused)
                                    .count(),
                    "the wait is still shown as paused after the restart (the pause is saved with the flow node)");

            assertEquals(
                    200,
                    post(r, "carol", b, id.get(), "approve", "after the restart")
                            .getStatusCode());

            r.assertBuildStatusSuccess(r.waitForCompletion(b));
            r.assertLogContains(
                    "release-guard: the controller restarted; still waiting for approvals of promotion " + id.get(), b);
            r.assertLogContains("mainnet: SUCCEEDED " + id.get(), b);
            assertEquals(
                    java.util.List.of("bob:before the restart", "carol:after the restart"),
                    decisions().stream().map(a -> a.actor() + ":" + a.reason()).toList());
        });
    }
}
