package io.releaseguard.jenkins.approval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import hudson.model.Cause;
import hudson.model.CauseAction;
import hudson.model.Executor;
import hudson.model.Item;
import hudson.model.Result;
import io.releaseguard.engine.audit.AuditRecord;
import io.releaseguard.engine.state.FileStateStore;
import io.releaseguard.jenkins.TestPolicies;
import io.releaseguard.jenkins.policy.ReleaseGuardGlobalConfiguration;
import java.net.URL;
import java.time.Clock;
import java.util.List;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.htmlunit.WebResponse;
import org.htmlunit.util.NameValuePair;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;

/**
 * What the promotion tests share: the global policy ({@link TestPolicies#PROMOTION}: mainnet needs two of alice, bob
 * and carol), the users (alice administers; bob and carol may build; reader may only read), a pipeline that promotes
 * to testnet and then to mainnet, and decisions posted the way a browser form or an API client posts them.
 */
final class Promotions {
    static final String RELEASE = "sha-abc1234";

    /** On a node: promotes to testnet (open), then to mainnet (waits for two approvals), echoing both results. */
    static final String TESTNET_THEN_MAINNET =
            """
            node {
              def t = releaseGuardPromote(release: 'sha-abc1234', to: 'testnet')
              echo "testnet: ${t.outcome}"
              def m = releaseGuardPromote(release: 'sha-abc1234', to: 'mainnet')
              echo "mainnet: ${m.outcome} ${m.promotionId}"
            }
            """;

    private Promotions() {}

    /** The global policy and the users; safe to call again in a later session. */
    static void configure(JenkinsRule r, String policy) {
        ReleaseGuardGlobalConfiguration.get().setPolicyYaml(policy);
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER)
                .everywhere()
                .to("alice")
                .grant(Jenkins.READ, Item.READ, Item.BUILD)
                .everywhere()
                .to("bob", "carol")
                .grant(Jenkins.READ, Item.READ)
                .everywhere()
                .to("reader"));
    }

    static WorkflowJob pipeline(JenkinsRule r, String name, String script) throws Exception {
        WorkflowJob p = r.createProject(WorkflowJob.class, name);
        p.setDefinition(new CpsFlowDefinition(script, true));
        return p;
    }

    /** Starts a build as if {@code user} clicked Build. */
    static WorkflowRun startAs(WorkflowJob p, String user) throws Exception {
        return p.scheduleBuild2(0, new CauseAction(new Cause.UserIdCause(user))).waitForStart();
    }

    /** Waits until the build's mainnet promotion waits for approvals; returns its id. */
    static String waitingPromotion(JenkinsRule r, WorkflowRun b) throws Exception {
        r.waitForMessage("awaiting approvals (0/2)", b);
        List<PendingDecision> pending =
                b.getAction(ReleaseGuardApprovalAction.class).getPending();
        assertEquals(1, pending.size());
        return pending.get(0).getId();
    }

    /** Aborts a build that waits for approvals, as the Stop button does. */
    static void abort(JenkinsRule r, WorkflowRun b) throws Exception {
        Executor executor = b.getExecutor();
        assertNotNull(executor);
        executor.interrupt();
        r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(b));
    }

    /** POSTs {@code verb} (approve, reject) with a crumb, logged in as {@code user}. */
    static WebResponse post(JenkinsRule r, String user, WorkflowRun b, String promotionId, String verb, String comment)
            throws Exception {
        JenkinsRule.WebClient wc =
                r.createWebClient().withThrowExceptionOnFailingStatusCode(false).login(user);
        WebRequest request = new WebRequest(url(r, b, promotionId, verb), HttpMethod.POST);
        request.setRequestParameters(List.of(new NameValuePair("comment", comment)));
        wc.addCrumb(request);
        return wc.getPage(request).getWebResponse();
    }

    static URL url(JenkinsRule r, WorkflowRun b, String promotionId, String verb) throws Exception {
        return new URL(r.getURL(), b.getUrl() + ReleaseGuardApprovalAction.URL_NAME + "/" + promotionId + "/" + verb);
    }

    /** The engine's audit records of decisions on promotions, oldest first. */
    static List<AuditRecord> decisions() throws Exception {
        return new FileStateStore(ReleaseGuardGlobalConfiguration.get().stateDirectory(), Clock.systemUTC())
                .audit().read().records().stream()
                        .filter(a -> a.action().startsWith("approval."))
                        .toList();
    }
}
