package io.releaseguard.jenkins.approval;

import static io.releaseguard.jenkins.TestPolicies.PROMOTION;
import static io.releaseguard.jenkins.approval.Promotions.TESTNET_THEN_MAINNET;
import static io.releaseguard.jenkins.approval.Promotions.abort;
import static io.releaseguard.jenkins.approval.Promotions.configure;
import static io.releaseguard.jenkins.approval.Promotions.pipeline;
import static io.releaseguard.jenkins.approval.Promotions.post;
import static io.releaseguard.jenkins.approval.Promotions.startAs;
import static io.releaseguard.jenkins.approval.Promotions.waitingPromotion;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.graphanalysis.DepthFirstScanner;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.support.actions.PauseAction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** A promotion waiting for approvals shows as paused, as `input` does, and the pause ends when it goes on. */
@WithJenkins
class ReleaseGuardApprovalPauseTest {
    @RegisterExtension
    static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    private JenkinsRule r;

    @BeforeEach
    void jenkins(JenkinsRule r) {
        this.r = r;
        configure(r, PROMOTION);
    }

    @Test
    void theWaitIsAPauseThatEndsWithTheApprovals() throws Exception {
        WorkflowRun b = startAs(pipeline(r, "release", TESTNET_THEN_MAINNET), "alice");
        String id = waitingPromotion(r, b);

        List<FlowNode> paused = pausedNodes(b);
        assertEquals(1, paused.size(), "the mainnet promotion's node is paused");
        assertEquals(
                "Approval", PauseAction.getPauseActions(paused.get(0)).get(0).getCause());

        assertEquals(200, post(r, "bob", b, id, "approve", "lgtm").getStatusCode());
        assertEquals(200, post(r, "carol", b, id, "approve", "ok").getStatusCode());
        r.assertBuildStatusSuccess(r.waitForCompletion(b));

        FlowNode node = b.getExecution().getNode(paused.get(0).getId());
        assertFalse(PauseAction.isPaused(node));
        assertTrue(PauseAction.getPauseDuration(node) >= 0);
    }

    @Test
    void abortingTheWaitEndsThePause() throws Exception {
        WorkflowRun b = startAs(pipeline(r, "release", TESTNET_THEN_MAINNET), "alice");
        waitingPromotion(r, b);
        String nodeId = pausedNodes(b).get(0).getId();

        abort(r, b);

        assertFalse(PauseAction.isPaused(b.getExecution().getNode(nodeId)), "the step ends only after its pause");
    }

    private static List<FlowNode> pausedNodes(WorkflowRun b) {
        return new DepthFirstScanner()
                .allNodes(b.getExecution()).stream()
                        .filter(PauseAction::isPaused)
                        .toList();
    }
}
