package io.releaseguard.jenkins.node;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudbees.jenkins.plugins.sshcredentials.impl.BasicSSHUserPrivateKey;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.FilePath;
import hudson.model.Label;
import hudson.model.Result;
import hudson.slaves.DumbSlave;
import io.releaseguard.engine.testing.SshHosts;
import io.releaseguard.jenkins.policy.ReleaseGuardGlobalConfiguration;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The controller decides, the agent acts: the steps on a real agent (a separate JVM started by JenkinsRule), the
 * deploy command's own evidence of where it ran, a pipeline's {@code LD_PRELOAD} reaching only the agent's process,
 * a workspace policy pointing at a controller secret refused, a promotion outside {@code node} refused, and
 * {@code sshagent} around a promotion that deploys over SSH (two real sshd on loopback) without an identity file.
 */
@WithJenkins
class AgentExecutionTest {
    @RegisterExtension
    static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    /** Records, in the workspace it runs in, which process started it and what it was given. */
    private static final String EVIDENCE_SCRIPT =
            """
            #!/bin/sh
            echo "$PPID" > ppid.txt
            echo "$LD_PRELOAD" > preload.txt
            echo "$DEPLOY_TOKEN" > token.txt
            pwd > pwd.txt
            """;

    private static final String COMMAND_POLICY =
            """
            version: 1
            environments:
              - name: testnet
            services:
              - name: api
                deploy: { command: "./deploy.sh {release}" }
            """;

    private JenkinsRule r;
    private DumbSlave agent;

    @BeforeEach
    void jenkinsWithAnAgent(JenkinsRule r) throws Exception {
        this.r = r;
        // The built-in node runs nothing: every step of these builds must land on the agent.
        r.jenkins.setNumExecutors(0);
        agent = r.createOnlineSlave(Label.get("agent"));
    }

    private WorkflowJob pipeline(String name, String script) throws Exception {
        WorkflowJob p = r.createProject(WorkflowJob.class, name);
        p.setDefinition(new CpsFlowDefinition(script, true));
        return p;
    }

    @Test
    void aDeployCommandRunsOnTheAgentWithThePipelinesEnvironmentAndNoControllerProcessSeesIt() throws Exception {
        ReleaseGuardGlobalConfiguration.get().setPolicyYaml(COMMAND_POLICY);
        WorkflowJob p = pipeline(
                "on-agent",
                """
                node('agent') {
                  writeFile file: 'deploy.sh', text: '''%s'''
                  sh 'chmod +x deploy.sh'
                  withEnv(['LD_PRELOAD=/nonexistent/release-guard-test.so', 'DEPLOY_TOKEN=t0k3n']) {
                    def t = releaseGuardPromote(release: 'sha-abc1234', to: 'testnet')
                    echo "testnet: ${t.outcome}"
                  }
                }
                """
                        .formatted(EVIDENCE_SCRIPT));

        WorkflowRun b = r.buildAndAssertSuccess(p);

        r.assertLogContains("testnet: SUCCEEDED", b);
        FilePath ws = agent.getWorkspaceFor(p);
        long deployParent = Long.parseLong(ws.child("ppid.txt").readToString().strip());
        long controller = ProcessHandle.current().pid();
        assertNotEquals(controller, deployParent, "the deploy command was started by the controller's JVM");
        assertEquals(
                controller,
                ProcessHandle.of(deployParent)
                        .flatMap(ProcessHandle::parent)
                        .map(ProcessHandle::pid)
                        .orElseThrow(),
                "the deploy command's parent is the agent JVM the controller launched");
        assertEquals(
                "/nonexistent/release-guard-test.so",
                ws.child("preload.txt").readToString().strip());
        assertEquals("t0k3n", ws.child("token.txt").readToString().strip());
        assertEquals(
                ws.getRemote(),
                Path.of(ws.child("pwd.txt").readToString().strip()).toString());
        assertTrue(Files.notExists(r.jenkins.getRootDir().toPath().resolve("ppid.txt")), "nothing ran in JENKINS_HOME");
    }

    @Test
    void aWorkspacePolicyNamingAControllerSecretIsRefusedOnTheAgentWithoutItsContent() throws Exception {
        Path secret =
                Files.writeString(r.jenkins.getRootDir().toPath().resolve("secret.key"), "0123-controller-only\n");
        WorkflowJob p = pipeline(
                "leak",
                """
                node('agent') {
                  writeFile file: 'release-guard.yaml', text: '''version: 1
                environments:
                  - name: testnet
                freezes:
                  - name: leak
                    ics: %s
                '''
                  releaseGuardValidate()
                }
                """
                        .formatted(secret));

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);

        r.assertLogContains("release-guard.yaml:6:10 freezes[0].ics:", b);
        r.assertLogContains("is an absolute path", b);
        r.assertLogNotContains("0123-controller-only", b);
    }

    @Test
    void aPromotionOutsideNodeFailsWithAClearMessage() throws Exception {
        ReleaseGuardGlobalConfiguration.get().setPolicyYaml(COMMAND_POLICY);
        WorkflowJob p = pipeline("no-node", "releaseGuardPromote(release: 'sha-abc1234', to: 'testnet')");

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);

        r.assertLogContains("ERROR: releaseGuardPromote needs a node: run it inside node { ... }.", b);
    }

    @Test
    void validateAndPlanOfAWorkspacePolicyRunOnTheAgent() throws Exception {
        WorkflowJob p = pipeline(
                "plan",
                """
                node('agent') {
                  writeFile file: 'release-guard.yaml', text: '''%s'''
                  echo releaseGuardValidate()
                  releaseGuardPlan(release: 'sha-abc1234', to: 'testnet')
                }
                """
                        .formatted(COMMAND_POLICY));

        WorkflowRun b = r.buildAndAssertSuccess(p);

        r.assertLogContains("release-guard.yaml: valid; 1 environment (testnet), 1 service", b);
        r.assertLogContains("Plan: promote sha-abc1234 to testnet", b);
    }

    @Test
    void sshagentAroundAPromotionDeploysOverSshWithTheAgentsKeyAndNoIdentityFile(@TempDir Path tmp) throws Exception {
        try (SshHosts hosts = SshHosts.start(tmp)) {
            Path target = Files.createDirectories(tmp.resolve("srv"));
            Files.writeString(target.resolve("deploy.sh"), "#!/bin/sh\necho \"$1\" >> deployed.txt\n");
            target.resolve("deploy.sh").toFile().setExecutable(true);
            String user = System.getProperty("user.name");
            SystemCredentialsProvider.getInstance()
                    .getCredentials()
                    .add(new BasicSSHUserPrivateKey(
                            CredentialsScope.GLOBAL,
                            "deploy-key",
                            user,
                            new BasicSSHUserPrivateKey.DirectEntryPrivateKeySource(
                                    Files.readString(tmp.resolve("id_ed25519"))),
                            null,
                            "deploy key"));
            SystemCredentialsProvider.getInstance().save();
            String policy = "version: 1\nenvironments:\n  - name: testnet\nservices:\n  - name: api\n"
                    + "    deploy: { command: \"./deploy.sh {release}\" }\n"
                    + "    targets:\n      testnet:\n"
                    + hosts.targetYaml(target, tmp.resolve("known_hosts").toString(), 8)
                            .replaceAll("(?m)^ *identity: .*\n", "");
            assertThat(policy, not(containsString("identity")));
            ReleaseGuardGlobalConfiguration.get().setPolicyYaml(policy);
            WorkflowJob p = pipeline(
                    "ssh",
                    """
                    node('agent') {
                      sshagent(['deploy-key']) {
                        def t = releaseGuardPromote(release: 'sha-abc1234', to: 'testnet')
                        echo "testnet: ${t.outcome}"
                      }
                    }
                    """);

            WorkflowRun b = r.buildAndAssertSuccess(p);

            r.assertLogContains("testnet: SUCCEEDED", b);
            assertEquals("sha-abc1234\n", Files.readString(target.resolve("deployed.txt")));
            hosts.bastion().await("direct-tcpip");
        }
    }
}
