package io.releaseguard.jenkins.approval;

import static io.releaseguard.jenkins.TestPolicies.PROMOTION;
import static io.releaseguard.jenkins.approval.Promotions.abort;
import static io.releaseguard.jenkins.approval.Promotions.configure;
import static io.releaseguard.jenkins.approval.Promotions.decisions;
import static io.releaseguard.jenkins.approval.Promotions.pipeline;
import static io.releaseguard.jenkins.approval.Promotions.post;
import static io.releaseguard.jenkins.approval.Promotions.startAs;
import static io.releaseguard.jenkins.approval.Promotions.waitingPromotion;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import hudson.model.CauseAction;
import hudson.model.Item;
import hudson.triggers.SCMTrigger;
import io.releaseguard.engine.audit.AuditRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Who requests a promotion and who wrote its release, as Jenkins knows them: the author of the newest change of a
 * build an SCM change started, the build's change-set authors, and user ids compared through the realm's
 * IdStrategy (JenkinsRule's dummy realm is case-insensitive, Jenkins's default).
 */
@WithJenkins
class ReleaseGuardRequestersTest {
    @RegisterExtension
    static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    static {
        // The git plugin refuses to check out a repository on the controller's disk unless told it may.
        System.setProperty("hudson.plugins.git.GitSCM.ALLOW_LOCAL_CHECKOUT", "true");
    }

    /** Mainnet needs two of alice, bob, carol and dave; dave is the one who pushes. */
    private static final String POLICY =
            PROMOTION.replace("leads: [alice, bob, carol]", "leads: [alice, bob, carol, dave]");

    private JenkinsRule r;

    @TempDir
    Path repo;

    @BeforeEach
    void jenkins(JenkinsRule r) {
        this.r = r;
        configure(r, POLICY);
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER)
                .everywhere()
                .to("alice", "ALICE")
                .grant(Jenkins.READ, Item.READ, Item.BUILD)
                .everywhere()
                .to("bob", "BOB", "carol", "dave"));
    }

    @Test
    void aBuildAnScmChangeStartedIsRequestedByTheChangesAuthorWhoCannotApproveIt() throws Exception {
        git("init", "-q", "-b", "main");
        commit("seed", "seed@example.org", "README", "one");
        WorkflowJob p = pipeline(
                r,
                "pushed",
                """
                node {
                  git url: '%s', branch: 'main'
                  if (currentBuild.number > 1) {
                    releaseGuardPromote(release: 'sha-abc1234', to: 'testnet')
                    releaseGuardPromote(release: 'sha-abc1234', to: 'mainnet')
                  }
                }
                """
                        .formatted(repo.toUri()));
        r.buildAndAssertSuccess(p);
        commit("Dave", "dave@example.org", "README", "two");

        WorkflowRun b = p.scheduleBuild2(0, new CauseAction(new SCMTrigger.SCMTriggerCause("polled")))
                .waitForStart();
        String id = waitingPromotion(r, b);

        r.assertLogContains("promoting sha-abc1234 to mainnet, requested by dave (authors: dave)", b);
        assertEquals(
                "dave",
                b.getAction(ReleaseGuardApprovalAction.class)
                        .getPending()
                        .get(0)
                        .getRequestedBy());
        assertEquals(403, post(r, "dave", b, id, "approve", "my own push").getStatusCode());
        AuditRecord refusal = decisions().get(0);
        assertEquals(List.of("dave", "REFUSED"), List.of(refusal.actor(), refusal.verdict()));
        assertThat(refusal.reason(), containsString("dave requested this promotion"));
        assertThat(refusal.reason(), containsString("authored the release"));
        abort(r, b);
    }

    @Test
    void aCaseInsensitiveRealmRefusesAliceApprovingAsAliceInCapitals() throws Exception {
        WorkflowRun b = startAs(pipeline(r, "release", Promotions.TESTNET_THEN_MAINNET), "alice");
        String id = waitingPromotion(r, b);

        assertEquals(403, post(r, "ALICE", b, id, "approve", "it is me, louder").getStatusCode());

        AuditRecord refusal = decisions().get(0);
        assertEquals(List.of("alice", "REFUSED"), List.of(refusal.actor(), refusal.verdict()));
        assertThat(refusal.reason(), containsString("alice requested this promotion"));
        assertEquals(200, post(r, "BOB", b, id, "approve", "lgtm").getStatusCode());
        assertEquals("bob", decisions().get(1).actor());
        abort(r, b);
    }

    private void commit(String name, String email, String file, String content) throws Exception {
        Files.writeString(repo.resolve(file), content, StandardCharsets.UTF_8);
        git("add", file);
        git(
                Map.of(
                        "GIT_AUTHOR_NAME", name,
                        "GIT_AUTHOR_EMAIL", email,
                        "GIT_COMMITTER_NAME", name,
                        "GIT_COMMITTER_EMAIL", email),
                "commit",
                "-q",
                "-m",
                content);
    }

    private void git(String... args) throws Exception {
        git(Map.of(), args);
    }

    private void git(Map<String, String> env, String... args) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder();
        pb.command().add("git");
        pb.command().addAll(List.of(args));
        pb.directory(repo.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process git = pb.start();
        String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, git.waitFor(), "git " + String.join(" ", args) + ": " + out);
    }
}
