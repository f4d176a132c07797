package io.releaseguard.jenkins.steps;

import static io.releaseguard.jenkins.TestPolicies.BROKEN_YAML;
import static io.releaseguard.jenkins.TestPolicies.BROKEN_YAML_PROBLEM;
import static io.releaseguard.jenkins.TestPolicies.MINIMAL;

import hudson.model.Result;
import io.releaseguard.jenkins.policy.ReleaseGuardGlobalConfiguration;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

@WithJenkins
class ReleaseGuardStepsTest {

    @Test
    void planOnAWorkspacePolicyLogsThePlanAndReturnsItsJson(JenkinsRule r) throws Exception {
        WorkflowJob p = pipeline(
                r,
                """
                node {
                  writeFile file: 'release-guard.yaml', text: '''%s'''
                  def json = releaseGuardPlan(release: 'sha-abc1234', to: 'mainnet')
                  echo "plan json: ${json}"
                }
                """
                        .formatted(MINIMAL));

        WorkflowRun b = r.buildAndAssertSuccess(p);

        r.assertLogContains("Plan: promote sha-abc1234 to mainnet", b);
        r.assertLogContains("Path: testnet -> mainnet", b);
        r.assertLogContains("plan json: {\"release\":\"sha-abc1234\",\"environment\":\"mainnet\"", b);
    }

    @Test
    void invalidWorkspacePolicyFailsTheBuildWithFileLineColumnAndNoStackTrace(JenkinsRule r) throws Exception {
        WorkflowJob p = pipeline(
                r,
                """
                node {
                  writeFile file: 'release-guard.yaml', text: '''%s'''
                  releaseGuardValidate()
                }
                """
                        .formatted(BROKEN_YAML));

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);

        r.assertLogContains("ERROR: release-guard.yaml:" + BROKEN_YAML_PROBLEM, b);
        r.assertLogNotContains("ReleaseGuardException", b);
    }

    @Test
    void outsideNodeTheGlobalPolicyIsUsed(JenkinsRule r) throws Exception {
        ReleaseGuardGlobalConfiguration.get().setPolicyYaml(MINIMAL);
        WorkflowJob p = pipeline(r, "echo 'summary: ' + releaseGuardValidate()");

        WorkflowRun b = r.buildAndAssertSuccess(p);

        r.assertLogContains(
                "summary: releaseGuard.policyYaml: valid; 2 environments (testnet -> mainnet), 0 services", b);
    }

    @Test
    void withoutAnyPolicyTheBuildFailsNamingBothPlaces(JenkinsRule r) throws Exception {
        WorkflowJob p = pipeline(r, "node { releaseGuardPlan(release: 'sha-abc1234', to: 'mainnet') }");

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);

        r.assertLogContains("ERROR: no release-guard.yaml in workspace ", b);
        r.assertLogContains("and no global release policy is configured", b);
    }

    @Test
    void configPathsOutsideTheWorkspaceAreRefused(JenkinsRule r) throws Exception {
        WorkflowJob p = pipeline(r, "node { releaseGuardValidate(config: '../../secrets/master.key') }");

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);

        r.assertLogContains("ERROR: config: '../../secrets/master.key' must stay inside the workspace (no '..')", b);
    }

    private static WorkflowJob pipeline(JenkinsRule r, String script) throws Exception {
        WorkflowJob p = r.createProject(WorkflowJob.class);
        p.setDefinition(new CpsFlowDefinition(script, true));
        return p;
    }
}
