package io.releaseguard.library

import static org.junit.jupiter.api.Assertions.assertEquals

import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.Test

class ReleaseGuardVarTest extends PipelineVarTestBase {
    private Script releaseGuard

    @BeforeEach
    void load() {
        registerStep('releaseGuardValidate') { Map args -> 'release-guard.yaml: valid' }
        registerStep('releaseGuardPlan') { Map args -> '{"release":"sha-abc1234"}' }
        releaseGuard = loadVar('releaseGuard')
    }

    @Test
    void validateWithoutArgumentsLeavesTheDefaultFileToTheStep() {
        def result = releaseGuard.validate()

        assertEquals([new StepCall('releaseGuardValidate', [[:]])], calls)
        assertEquals('release-guard.yaml: valid', result)
    }

    @Test
    void validatePassesTheConfigPath() {
        releaseGuard.validate(config: 'deploy/policy.yaml')

        assertEquals([new StepCall('releaseGuardValidate', [[config: 'deploy/policy.yaml']])], calls)
    }

    @Test
    void planTranslatesNamedArgumentsIntoTheStepAndReturnsItsJson() {
        def json = releaseGuard.plan(release: 'sha-abc1234', to: 'mainnet', config: 'release-guard.yaml')

        assertEquals(
                [new StepCall('releaseGuardPlan', [[release: 'sha-abc1234', to: 'mainnet', config: 'release-guard.yaml']])],
                calls)
        assertEquals('{"release":"sha-abc1234"}', json)
    }

    @Test
    void planWithoutReleaseFailsEchoingTheInput() {
        String message = pipelineError { releaseGuard.plan(to: 'mainnet') }

        assertEquals("releaseGuard.plan: missing required argument 'release' (got [to:mainnet])", message)
        assertEquals([new StepCall('error', [message])], calls)
    }

    @Test
    void planWithBlankArgumentsNamesEachMissingOne() {
        String message = pipelineError { releaseGuard.plan(release: ' ', config: 'x.yaml') }

        assertEquals("releaseGuard.plan: missing required arguments 'release', 'to' (got [release: , config:x.yaml])",
                message)
    }

    @Test
    void unknownArgumentIsRefusedBeforeAnyStepRuns() {
        String message = pipelineError { releaseGuard.plan(release: 'sha-abc1234', to: 'mainnet', env: 'prod') }

        assertEquals("releaseGuard.plan: unknown argument 'env'; it takes release, to, config"
                + " (got [release:sha-abc1234, to:mainnet, env:prod])", message)
        assertEquals(['error'], calls*.name)
    }

    @Test
    void validateRefusesPlanArguments() {
        String message = pipelineError { releaseGuard.validate(to: 'mainnet') }

        assertEquals("releaseGuard.validate: unknown argument 'to'; it takes config (got [to:mainnet])", message)
    }
}
