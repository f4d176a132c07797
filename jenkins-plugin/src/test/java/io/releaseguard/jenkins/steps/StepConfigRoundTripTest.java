package io.releaseguard.jenkins.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.jenkinsci.plugins.workflow.steps.StepConfigTester;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Every step survives the Snippet Generator's form: configured, submitted through its config.jelly and bound back,
 * with every argument (constructor and setters) as it was.
 */
@WithJenkins
class StepConfigRoundTripTest {

    @Test
    void validate(JenkinsRule r) throws Exception {
        ReleaseGuardValidateStep step = new ReleaseGuardValidateStep();
        step.setConfig("ci/release-guard.yaml");

        ReleaseGuardValidateStep back = new StepConfigTester(r).configRoundTrip(step);

        r.assertEqualDataBoundBeans(step, back);
        assertEquals("ci/release-guard.yaml", back.getConfig());
    }

    @Test
    void plan(JenkinsRule r) throws Exception {
        ReleaseGuardPlanStep step = new ReleaseGuardPlanStep("sha-abc1234", "mainnet");
        step.setConfig("ci/release-guard.yaml");

        ReleaseGuardPlanStep back = new StepConfigTester(r).configRoundTrip(step);

        r.assertEqualDataBoundBeans(step, back);
        assertEquals(
                List.of("sha-abc1234", "mainnet", "ci/release-guard.yaml"),
                List.of(back.getRelease(), back.getTo(), back.getConfig()));
    }

    @Test
    void promote(JenkinsRule r) throws Exception {
        ReleaseGuardPromoteStep step = new ReleaseGuardPromoteStep("sha-abc1234", "mainnet");
        step.setEmergency(true);
        step.setReason("pager 4711");
        step.setConfig("ci/release-guard.yaml");

        ReleaseGuardPromoteStep back = new StepConfigTester(r).configRoundTrip(step);

        r.assertEqualDataBoundBeans(step, back);
        assertEquals(
                List.of("sha-abc1234", "mainnet", true, "pager 4711", "ci/release-guard.yaml"),
                List.of(back.getRelease(), back.getTo(), back.isEmergency(), back.getReason(), back.getConfig()));
    }

    @Test
    void promoteWithOnlyTheRequiredArguments(JenkinsRule r) throws Exception {
        ReleaseGuardPromoteStep step = new ReleaseGuardPromoteStep("sha-abc1234", "testnet");

        ReleaseGuardPromoteStep back = new StepConfigTester(r).configRoundTrip(step);

        r.assertEqualDataBoundBeans(step, back);
        assertEquals(false, back.isEmergency());
        assertEquals(null, back.getReason());
    }

    @Test
    void resume(JenkinsRule r) throws Exception {
        ReleaseGuardResumeStep step = new ReleaseGuardResumeStep("mainnet-20261124T150000Z-abc");
        step.setConfig("ci/release-guard.yaml");

        ReleaseGuardResumeStep back = new StepConfigTester(r).configRoundTrip(step);

        r.assertEqualDataBoundBeans(step, back);
        assertEquals(
                List.of("mainnet-20261124T150000Z-abc", "ci/release-guard.yaml"),
                List.of(back.getPromotion(), back.getConfig()));
    }
}
