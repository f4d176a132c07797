package io.releaseguard.jenkins.policy;

import static io.jenkins.plugins.casc.misc.Util.getUnclassifiedRoot;
import static io.jenkins.plugins.casc.misc.Util.toYamlString;
import static io.releaseguard.jenkins.TestPolicies.MINIMAL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.casc.ConfigurationAsCode;
import io.jenkins.plugins.casc.ConfigurationContext;
import io.jenkins.plugins.casc.ConfiguratorRegistry;
import io.jenkins.plugins.casc.misc.ConfiguredWithCode;
import io.jenkins.plugins.casc.misc.JenkinsConfiguredWithCodeRule;
import io.jenkins.plugins.casc.misc.junit.jupiter.WithJenkinsConfiguredWithCode;
import io.jenkins.plugins.casc.model.CNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@WithJenkinsConfiguredWithCode
class ReleaseGuardConfigurationAsCodeTest {

    @Test
    @ConfiguredWithCode("casc.yml")
    void unclassifiedReleaseGuardConfiguresEverySetting(JenkinsConfiguredWithCodeRule r) {
        ReleaseGuardGlobalConfiguration config = ReleaseGuardGlobalConfiguration.get();

        assertEquals(MINIMAL, config.getPolicyYaml());
        assertEquals("/var/lib/release-guard/state", config.getStateDir());
        assertTrue(config.isAllowWorkspacePolicy());
    }

    @Test
    @ConfiguredWithCode("casc.yml")
    void exportedYamlConfiguresTheSameSettings(JenkinsConfiguredWithCodeRule r, @TempDir Path dir) throws Exception {
        CNode exported = getUnclassifiedRoot(new ConfigurationContext(ConfiguratorRegistry.get()))
                .get("releaseGuard");
        Path yaml = dir.resolve("exported.yml");
        Files.writeString(
                yaml,
                "unclassified:\n  releaseGuard:\n" + toYamlString(exported).indent(4),
                StandardCharsets.UTF_8);
        ReleaseGuardGlobalConfiguration config = ReleaseGuardGlobalConfiguration.get();
        config.setPolicyYaml(null);
        config.setStateDir(null);
        config.setAllowWorkspacePolicy(false);
        assertNull(config.getPolicyYaml());

        ConfigurationAsCode.get().configure(yaml.toString());

        assertEquals(MINIMAL, config.getPolicyYaml());
        assertEquals("/var/lib/release-guard/state", config.getStateDir());
        assertTrue(config.isAllowWorkspacePolicy());
    }

    @Test
    @ConfiguredWithCode("casc.yml")
    void anInvalidPolicyFromJcascIsRefusedAndTheOldOneKept(JenkinsConfiguredWithCodeRule r, @TempDir Path dir)
            throws Exception {
        Path yaml = dir.resolve("bad.yml");
        Files.writeString(
                yaml,
                "unclassified:\n  releaseGuard:\n    policyYaml: |\n      version: 1\n      timezone: Europe/Berlinn\n"
                        + "      environments:\n        - name: mainnet\n",
                StandardCharsets.UTF_8);
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(
                Exception.class, () -> ConfigurationAsCode.get().configure(yaml.toString()));
        StringBuilder chain = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            chain.append(t).append('\n');
        }
        org.junit.jupiter.api.Assertions.assertTrue(
                chain.toString().contains("timezone: \"Europe/Berlinn\" is not a time zone"), chain.toString());
        assertEquals(MINIMAL, ReleaseGuardGlobalConfiguration.get().getPolicyYaml());
    }
}
