package io.releaseguard.engine.config;

import java.util.Set;

/**
 * A named period in which deployments are forbidden. {@code environments} empty means every environment. The rule
 * says when it is frozen; see {@link FreezeRule}.
 */
public record FreezeSpec(String name, Set<String> environments, FreezeRule rule) {
    public FreezeSpec {
        environments = Set.copyOf(environments);
    }

    public boolean appliesTo(String environment) {
        return environments.isEmpty() || environments.contains(environment);
    }
}
