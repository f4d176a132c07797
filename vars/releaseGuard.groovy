// release-guard pipeline helpers (help: releaseGuard.txt). Each method checks the shape of its named arguments and
// hands them to the plugin step unchanged; every decision is the engine's, behind the step.

/** releaseGuard.validate(config: 'release-guard.yaml'): validates the policy, returns a one-line summary. */
def validate(Map args = [:]) {
    String problem = argumentProblem('validate', args, [], ['config'])
    if (problem) {
        error(problem)
    }
    return releaseGuardValidate(args)
}

/** releaseGuard.plan(release: 'sha-abc1234', to: 'mainnet'): prints the promotion plan, returns it as JSON. */
def plan(Map args = [:]) {
    String problem = argumentProblem('plan', args, ['release', 'to'], ['config'])
    if (problem) {
        error(problem)
    }
    return releaseGuardPlan(args)
}

/**
 * releaseGuard.promote(release: 'sha-abc1234', to: 'mainnet'): promotes through every guardrail as the user who
 * started the build, waiting for approvals when the policy asks for them; returns the result as a map.
 */
def promote(Map args = [:]) {
    String problem = argumentProblem('promote', args, ['release', 'to'], ['emergency', 'reason', 'config']) ?:
            booleanProblem('promote', args, 'emergency')
    if (problem) {
        error(problem)
    }
    return releaseGuardPromote(args)
}

/** releaseGuard.resume(promotion: 'mainnet-sha-abc1234-20261124-150000'): finishes an interrupted promotion. */
def resume(Map args = [:]) {
    String problem = argumentProblem('resume', args, ['promotion'], ['config'])
    if (problem) {
        error(problem)
    }
    return releaseGuardResume(args)
}

@NonCPS
private static String booleanProblem(String method, Map args, String name) {
    if (args[name] == null || args[name] instanceof Boolean) {
        return null
    }
    return "releaseGuard.${method}: '${name}' must be true or false (got ${args})"
}

@NonCPS
private static String argumentProblem(String method, Map args, List<String> required, List<String> optional) {
    List<String> missing = required.findAll { args[it] == null || args[it].toString().trim().isEmpty() }
    if (missing) {
        String names = missing.collect { "'${it}'" }.join(', ')
        return "releaseGuard.${method}: missing required argument${missing.size() == 1 ? '' : 's'} ${names} (got ${args})"
    }
    List<String> unknown = args.keySet().collect { it.toString() }.findAll { !(it in required) && !(it in optional) }
    if (unknown) {
        String names = unknown.collect { "'${it}'" }.join(', ')
        return "releaseGuard.${method}: unknown argument${unknown.size() == 1 ? '' : 's'} ${names};" +
                " it takes ${(required + optional).join(', ')} (got ${args})"
    }
    return null
}
