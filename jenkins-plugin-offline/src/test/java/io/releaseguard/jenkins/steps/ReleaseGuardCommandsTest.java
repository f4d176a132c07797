package io.releaseguard.jenkins.steps;

import static io.releaseguard.jenkins.TestPolicies.BROKEN_YAML;
import static io.releaseguard.jenkins.TestPolicies.BROKEN_YAML_PROBLEM;
import static io.releaseguard.jenkins.TestPolicies.MINIMAL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.config.ConfigException;
import io.releaseguard.engine.plan.PromotionPlan;
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

    @Test
    void planRendersThePromotionPathAndItsJson() throws Exception {
        PromotionPlan plan = commands.plan(
                new PolicySource(MINIMAL, "release-guard.yaml", stateDir), "sha-abc1234", "mainnet", stateDir);

        assertTrue(plan.renderText().startsWith("Plan: promote sha-abc1234 to mainnet"), plan.renderText());
        assertTrue(plan.renderText().contains("Path: testnet -> mainnet"), plan.renderText());
        assertTrue(plan.toJson().startsWith("{\"release\":\"sha-abc1234\",\"environment\":\"mainnet\""), plan.toJson());
    }

    @Test
    void planForAnUnknownEnvironmentNamesTheDefinedOnes() {
        ReleaseGuardException e = assertThrows(
                ReleaseGuardException.class,
                () -> commands.plan(
                        new PolicySource(MINIMAL, "release-guard.yaml", stateDir), "sha-abc1234", "prod", stateDir));

        assertEquals("unknown environment 'prod' (defined: testnet, mainnet)", e.getMessage());
        assertEquals(ExitCode.INVALID, e.exitCode());
    }

    @Test
    void planNeedsReleaseAndTarget() {
        PolicySource policy = new PolicySource(MINIMAL, "release-guard.yaml", stateDir);

        ReleaseGuardException noRelease =
                assertThrows(ReleaseGuardException.class, () -> commands.plan(policy, " ", "mainnet", stateDir));
        ReleaseGuardException noTarget =
                assertThrows(ReleaseGuardException.class, () -> commands.plan(policy, "sha-abc1234", null, stateDir));

        assertEquals("releaseGuardPlan: 'release' is required", noRelease.getMessage());
        assertEquals("releaseGuardPlan: 'to' is required", noTarget.getMessage());
        assertEquals(ExitCode.INVALID, noTarget.exitCode());
    }
}
