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
