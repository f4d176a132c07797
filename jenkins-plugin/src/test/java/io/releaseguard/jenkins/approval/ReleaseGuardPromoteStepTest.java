package io.releaseguard.jenkins.approval;

import static io.releaseguard.jenkins.TestPolicies.BROKEN_RELEASE;
import static io.releaseguard.jenkins.TestPolicies.PROMOTION;
import static io.releaseguard.jenkins.TestPolicies.PROMOTION_FROZEN;
import static io.releaseguard.jenkins.approval.Promotions.RELEASE;
import static io.releaseguard.jenkins.approval.Promotions.TESTNET_THEN_MAINNET;
import static io.releaseguard.jenkins.approval.Promotions.abort;
import static io.releaseguard.jenkins.approval.Promotions.configure;
import static io.releaseguard.jenkins.approval.Promotions.decisions;
import static io.releaseguard.jenkins.approval.Promotions.pipeline;
import static io.releaseguard.jenkins.approval.Promotions.post;
import static io.releaseguard.jenkins.approval.Promotions.startAs;
import static io.releaseguard.jenkins.approval.Promotions.url;
import static io.releaseguard.jenkins.approval.Promotions.waitingPromotion;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.Result;
import io.releaseguard.engine.audit.AuditRecord;
import io.releaseguard.jenkins.policy.ReleaseGuardGlobalConfiguration;
import java.nio.file.Files;
import java.util.List;
import org.htmlunit.ElementNotFoundException;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

@WithJenkins
class ReleaseGuardPromoteStepTest {
    @RegisterExtension
    static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    private JenkinsRule r;

    @BeforeEach
    void jenkins(JenkinsRule r) {
        this.r = r;
        configure(r, PROMOTION);
    }

    @Test
    void aPromotionWaitsForTwoApprovalsFromThePageAndThenGoesLive() throws Exception {
        WorkflowRun b = startAs(pipeline(r, "release", TESTNET_THEN_MAINNET), "alice");
        String id = waitingPromotion(r, b);
        r.assertLogContains("testnet: SUCCEEDED", b);
        r.assertLogContains("release-guard: promoting sha-abc1234 to mainnet, requested by alice", b);
        assertTrue(b.isBuilding());

        assertEquals(200, post(r, "bob", b, id, "approve", "lgtm").getStatusCode());
        r.waitForMessage("bob approved promotion " + id + ": awaiting approvals (1/2)", b);
        HtmlPage page = r.createWebClient().login("carol").getPage(b, ReleaseGuardApprovalAction.URL_NAME + "/");
        assertThat(page.asNormalizedText(), containsString("1/2"));
        assertThat(page.asNormalizedText(), containsString("bob, carol"));
        HtmlForm approve = page.getFormByName("approve-" + id);
        approve.getTextAreaByName("comment").setText("ship it");
        r.submit(approve);

        r.assertBuildStatusSuccess(r.waitForCompletion(b));
        r.assertLogContains("mainnet: SUCCEEDED " + id, b);
        assertTrue(r.jenkins
                .getWorkspaceFor(b.getParent())
                .child("deployed-mainnet-" + RELEASE)
                .exists());
        assertFalse(Files.exists(r.jenkins.getRootDir().toPath().resolve("deployed-mainnet-" + RELEASE)));
        List<AuditRecord> approvals = decisions();
        assertEquals(
                List.of("bob:lgtm", "carol:ship it"),
                approvals.stream().map(a -> a.actor() + ":" + a.reason()).toList());
        assertEquals(null, b.getAction(ReleaseGuardApprovalAction.class).getIconFileName());
    }

    @Test
    void theRequestersOwnApprovalIsRefusedEvenForAnAdministrator() throws Exception {
        WorkflowRun b = startAs(pipeline(r, "release", TESTNET_THEN_MAINNET), "alice");
        String id = waitingPromotion(r, b);

        assertEquals(403, post(r, "alice", b, id, "approve", "I am admin").getStatusCode());

        AuditRecord refusal = decisions().get(0);
        assertEquals(List.of("alice", "REFUSED"), List.of(refusal.actor(), refusal.verdict()));
        assertThat(refusal.reason(), containsString("administrators included"));
        assertTrue(b.isBuilding());
        abort(r, b);
    }

    @Test
    void getIsRefusedAndRecordsNothing() throws Exception {
        WorkflowRun b = startAs(pipeline(r, "release", TESTNET_THEN_MAINNET), "alice");
        String id = waitingPromotion(r, b);
        JenkinsRule.WebClient wc =
                r.createWebClient().withThrowExceptionOnFailingStatusCode(false).login("bob");

        int status = wc.getPage(new WebRequest(url(r, b, id, "approve"), HttpMethod.GET))
                .getWebResponse()
                .getStatusCode();

        assertEquals(405, status);
        assertEquals(List.of(), decisions());
        abort(r, b);
    }

    @Test
    void aUserWhoMayNotBuildGets403AndSeesNoForms() throws Exception {
        WorkflowRun b = startAs(pipeline(r, "release", TESTNET_THEN_MAINNET), "alice");
        String id = waitingPromotion(r, b);

        assertEquals(403, post(r, "reader", b, id, "approve", "").getStatusCode());
        HtmlPage page = r.createWebClient().login("reader").getPage(b, ReleaseGuardApprovalAction.URL_NAME + "/");

        assertThat(page.asNormalizedText(), containsString("0/2"));
        assertThrows(ElementNotFoundException.class, () -> page.getFormByName("approve-" + id));
        assertEquals(List.of(), decisions());
        abort(r, b);
    }

    @Test
    void anUnknownOrMalformedPromotionIdIsNotFound() throws Exception {
        WorkflowRun b = startAs(pipeline(r, "release", TESTNET_THEN_MAINNET), "alice");
        waitingPromotion(r, b);

        assertEquals(
                404,
                post(r, "bob", b, "mainnet-sha-0000000-20000101-000000", "approve", "")
                        .getStatusCode());
        assertEquals(404, post(r, "bob", b, "x..y", "approve", "").getStatusCode());
        assertEquals(404, post(r, "bob", b, "%3Cimg%20src=x%3E", "approve", "").getStatusCode());
        assertEquals(List.of(), decisions());
        abort(r, b);
    }

    @Test
    void aRejectionNeedsACommentAndThenFailsTheStep() throws Exception {
        WorkflowRun b = startAs(pipeline(r, "release", TESTNET_THEN_MAINNET), "alice");
        String id = waitingPromotion(r, b);

        assertEquals(400, post(r, "bob", b, id, "reject", " ").getStatusCode());
        assertTrue(b.isBuilding());
        post(r, "bob", b, id, "reject", "not this week");

        r.assertBuildStatus(Result.FAILURE, r.waitForCompletion(b));
        r.assertLogContains("bob rejected promotion " + id, b);
        r.assertLogContains("APPROVALS: rejected by bob at ", b);
        r.assertLogNotContains("mainnet: SUCCEEDED", b);
    }

    @Test
    void aFreezeFailsTheStepNotTheBuildAndABuildNoUserStartedIsRequestedBySystem() throws Exception {
        ReleaseGuardGlobalConfiguration.get().setPolicyYaml(PROMOTION_FROZEN);
        WorkflowJob p = pipeline(
                r,
                "frozen",
                """
                node {
                  releaseGuardPromote(release: 'sha-abc1234', to: 'testnet')
                  try {
                    releaseGuardPromote(release: 'sha-abc1234', to: 'mainnet')
                  } catch (e) {
                    echo "caught: ${e.message}"
                  }
                }
                """);

        WorkflowRun b = r.buildAndAssertSuccess(p);

        r.assertLogContains("requested by SYSTEM", b);
        r.assertLogContains("caught: BLOCKED: promotion mainnet-sha-abc1234-", b);
        r.assertLogContains("FREEZE: ", b);
        assertEquals(null, b.getAction(ReleaseGuardApprovalAction.class));
    }

    @Test
    void aFailedDeployIsRolledBackAndFailsTheBuildEvenWhenTheErrorIsCaught() throws Exception {
        WorkflowJob p = pipeline(
                r,
                "broken",
                """
                node {
                  releaseGuardPromote(release: 'sha-1111111', to: 'testnet')
                  try {
                    releaseGuardPromote(release: '%s', to: 'testnet')
                  } catch (e) {
                    echo "caught: ${e.message}"
                  }
                }
                """
                        .formatted(BROKEN_RELEASE));

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);

        r.assertLogContains("caught: ROLLED_BACK: ", b);
        r.assertLogContains("post-incident review: ", b);
        // The global policy's deploy command runs on the build's node, in its workspace.
        assertTrue(r.jenkins
                .getWorkspaceFor(p)
                .child("deployed-testnet-sha-1111111")
                .exists());
        assertFalse(r.jenkins
                .getWorkspaceFor(p)
                .child("deployed-testnet-" + BROKEN_RELEASE)
                .exists());
    }

    @Test
    void aWorkspacePolicyIsRefusedUnlessAnAdministratorAllowsIt() throws Exception {
        ReleaseGuardGlobalConfiguration.get().setPolicyYaml(null);
        String script =
                """
                node {
                  writeFile file: 'release-guard.yaml', text: '''%s'''
                  def t = releaseGuardPromote(release: 'sha-abc1234', to: 'testnet', config: 'release-guard.yaml')
                  echo "testnet: ${t.outcome}"
                }
                """
                        .formatted(PROMOTION);
        WorkflowJob p = pipeline(r, "workspace", script);

        WorkflowRun refused = r.buildAndAssertStatus(Result.FAILURE, p);
        ReleaseGuardGlobalConfiguration.get().setAllowWorkspacePolicy(true);
        WorkflowRun allowed = r.buildAndAssertSuccess(p);

        r.assertLogContains(
                "ERROR: releaseGuardPromote: config: 'release-guard.yaml' is not used: promotions on this controller"
                        + " run under the global release policy",
                refused);
        r.assertLogContains("testnet: SUCCEEDED", allowed);
        assertTrue(r.jenkins
                .getWorkspaceFor(p)
                .child("deployed-testnet-" + RELEASE)
                .exists());
    }

    @Test
    void resumeSaysWhenThereIsNothingToResume() throws Exception {
        WorkflowJob p =
                pipeline(r, "resume", "node { releaseGuardResume(promotion: 'mainnet-sha-abc1234-20261124-150000') }");

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);

        r.assertLogContains(
                "ERROR: releaseGuardResume: nothing to resume for promotion mainnet-sha-abc1234-20261124-150000:"
                        + " there is no such promotion in ",
                b);
    }
}
