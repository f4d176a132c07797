package io.releaseguard.engine.node;

import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.config.ServiceSpec;
import io.releaseguard.engine.promotion.PromotionAdapters;
import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a task needs to rebuild a promotion's adapters on the node: the policy and the step's environment (the
 * variables {@code ${env:NAME}} reads, local deploy commands run with and the {@code ssh} client sees, so an
 * {@code sshagent} or {@code withCredentials} around the step reaches them).
 */
public record NodeSite(NodePolicy policy, Map<String, String> environment) implements Serializable {
    private static final long serialVersionUID = 1L;

    public NodeSite {
        // A TreeMap: serializable, and Jenkins' EnvVars may be handed in directly.
        environment = new TreeMap<>(environment);
    }

    /** The adapters on the node; close them when the task is done. */
    public PromotionAdapters adapters() throws ReleaseGuardException {
        return new PromotionAdapters(policy.load(), environment, true);
    }

    /** The service named {@code name} in {@code adapters}' policy. */
    static ServiceSpec service(PromotionAdapters adapters, String name) throws ReleaseGuardException {
        return adapters.config().services().stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new ReleaseGuardException(
                        io.releaseguard.engine.ExitCode.INVALID,
                        "the policy on the node has no service " + name + " (it changed since the step read it?)"));
    }
}
