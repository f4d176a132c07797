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
        registerStep('releaseGuardPromote') { Map args -> [outcome: 'SUCCEEDED', promotionId: 'mainnet-sha-abc1234-1'] }
        registerStep('releaseGuardResume') { Map args -> [outcome: 'SUCCEEDED', promotionId: args.promotion] }
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

    @Test
    void promoteHandsEveryArgumentToTheStepAndReturnsItsMap() {
        def result = releaseGuard.promote(release: 'sha-abc1234', to: 'mainnet', emergency: true, reason: 'pager 4711')

        assertEquals(
                [new StepCall('releaseGuardPromote',
                        [[release: 'sha-abc1234', to: 'mainnet', emergency: true, reason: 'pager 4711']])],
                calls)
        assertEquals('SUCCEEDED', result.outcome)
    }

    @Test
    void promoteWithoutTargetFailsEchoingTheInput() {
        String message = pipelineError { releaseGuard.promote(release: 'sha-abc1234') }

        assertEquals("releaseGuard.promote: missing required argument 'to' (got [release:sha-abc1234])", message)
        assertEquals(['error'], calls*.name)
    }

    @Test
    void theRequesterCannotBeNamedByThePipeline() {
        String message = pipelineError {
            releaseGuard.promote(release: 'sha-abc1234', to: 'mainnet', requestedBy: 'bob')
        }

        assertEquals("releaseGuard.promote: unknown argument 'requestedBy'; it takes release, to, emergency, reason,"
                + " config (got [release:sha-abc1234, to:mainnet, requestedBy:bob])", message)
        assertEquals(['error'], calls*.name)
    }

    @Test
    void emergencyMustBeABoolean() {
        String message = pipelineError { releaseGuard.promote(release: 'sha-abc1234', to: 'mainnet', emergency: 'yes') }

        assertEquals("releaseGuard.promote: 'emergency' must be true or false"
                + " (got [release:sha-abc1234, to:mainnet, emergency:yes])", message)
    }

    @Test
    void resumeTakesThePromotionId() {
        def result = releaseGuard.resume(promotion: 'mainnet-sha-abc1234-20261124-150000')

        assertEquals(
                [new StepCall('releaseGuardResume', [[promotion: 'mainnet-sha-abc1234-20261124-150000']])], calls)
        assertEquals('mainnet-sha-abc1234-20261124-150000', result.promotionId)
    }

    @Test
    void resumeWithoutPromotionFails() {
        String message = pipelineError { releaseGuard.resume() }

        assertEquals("releaseGuard.resume: missing required argument 'promotion' (got [:])", message)
    }
}
