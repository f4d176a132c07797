package io.releaseguard.jenkins.steps;

import static io.releaseguard.jenkins.TestPolicies.BROKEN_YAML;
import static io.releaseguard.jenkins.TestPolicies.BROKEN_YAML_PROBLEM;
import static io.releaseguard.jenkins.TestPolicies.MINIMAL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.config.ConfigException;
import io.releaseguard.jenkins.policy.PolicySource;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleaseGuardCommandsTest {
    private final ReleaseGuardCommands commands =
            new ReleaseGuardCommands(Clock.fixed(Instant.parse("2026-09-01T10:00:00Z"), ZoneOffset.UTC));

    @TempDir
    Path stateDir;

    @Test
    void validateSummarisesThePromotionPath() throws Exception {
        String summary = commands.validate(new PolicySource(MINIMAL, "release-guard.yaml", stateDir));

        assertEquals("release-guard.yaml: valid; 2 environments (testnet -> mainnet), 0 services", summary);
    }

    @Test
    void invalidPolicyFailsWithEveryProblemOnItsOwnLine() {
        ConfigException e = assertThrows(
                ConfigException.class,
                () -> commands.validate(new PolicySource(BROKEN_YAML, "release-guard.yaml", stateDir)));

        assertEquals("release-guard.yaml:" + BROKEN_YAML_PROBLEM, e.getMessage());
        assertEquals(ExitCode.INVALID, e.exitCode());
    }
}
