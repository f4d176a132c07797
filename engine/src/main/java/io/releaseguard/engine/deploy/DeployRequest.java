package io.releaseguard.engine.deploy;

import io.releaseguard.engine.promotion.StepKey;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * One deploy call: which release, to which service (and tenant) in which environment, under which idempotency key,
 * and the fencing token of the environment lock it is made under ({@code 0} when made outside a lock), which targets
 * receive so they can refuse a writer whose lock was taken over.
 */
public record DeployRequest(
        String environment, String service, String release, Optional<String> tenant, StepKey key, long fence) {

    /** The header an HTTP deploy carries the fencing token in. */
    public static final String FENCE_HEADER = "X-Release-Guard-Fence";

    /** A call outside any lock (no fencing token). */
    public DeployRequest(String environment, String service, String release, Optional<String> tenant, StepKey key) {
        this(environment, service, release, tenant, key, 0);
    }

    /** The same call made under fencing token {@code token}. */
    public DeployRequest withFence(long token) {
        return new DeployRequest(environment, service, release, tenant, key, token);
    }

    /** The placeholder values a deploy template may use: {release}, {service}, {environment}, {tenant}. */
    public Map<String, String> placeholders() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("release", release);
        values.put("service", service);
        values.put("environment", environment);
        values.put("tenant", tenant.orElse(""));
        return values;
    }

    /** The same call under another step of its idempotency key (a phase of it, say {@code deploy-start}). */
    public DeployRequest withStep(String step) {
        return new DeployRequest(
                environment,
                service,
                release,
                tenant,
                new StepKey(key.promotion(), key.service(), key.tenant(), step),
                fence);
    }

    /** {@code template} with each {@code {placeholder}} replaced by its value, as {@code encoding} writes it. */
    public String fill(String template, UnaryOperator<String> encoding) {
        String out = template;
        for (Map.Entry<String, String> e : placeholders().entrySet()) {
            out = out.replace("{" + e.getKey() + "}", encoding.apply(e.getValue()));
        }
        return out;
    }

    /**
     * The {@code RELEASE_GUARD_*} variables a deploy command sees, the idempotency key among them, and {@code
     * RELEASE_GUARD_FENCE} when the call is made under a lock.
     */
    public Map<String, String> variables() {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("RELEASE_GUARD_RELEASE", release);
        vars.put("RELEASE_GUARD_SERVICE", service);
        vars.put("RELEASE_GUARD_ENVIRONMENT", environment);
        vars.put("RELEASE_GUARD_TENANT", tenant.orElse(""));
        vars.put("RELEASE_GUARD_IDEMPOTENCY_KEY", key.id());
        if (fence > 0) {
            vars.put("RELEASE_GUARD_FENCE", Long.toString(fence));
        }
        return vars;
    }
}
