package io.releaseguard.jenkins.policy;

import static io.releaseguard.jenkins.TestPolicies.MINIMAL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

class ReleaseGuardGlobalConfigurationRestartTest {
    @RegisterExtension
    final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    @Test
    void settingsSurviveARestart() throws Throwable {
        sessions.then(r -> {
            ReleaseGuardGlobalConfiguration config = ReleaseGuardGlobalConfiguration.get();
            config.setPolicyYaml(MINIMAL);
            config.setStateDir("custom/state");
            config.setAllowWorkspacePolicy(true);
        });
        sessions.then(r -> {
            ReleaseGuardGlobalConfiguration config = ReleaseGuardGlobalConfiguration.get();
            assertEquals(MINIMAL, config.getPolicyYaml());
            assertEquals("custom/state", config.getStateDir());
            assertTrue(config.isAllowWorkspacePolicy());
            assertEquals(r.jenkins.getRootDir().toPath().resolve("custom/state"), config.stateDirectory());
        });
    }
}
