package io.releaseguard.engine.deploy;

import io.releaseguard.engine.promotion.StepKey;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** One deploy call: which release, to which service (and tenant) in which environment, under which idempotency key. */
public record DeployRequest(String environment, String service, String release, Optional<String> tenant, StepKey key) {

    /** The placeholder values a deploy template may use: {release}, {service}, {environment}, {tenant}. */
    public Map<String, String> placeholders() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("release", release);
        values.put("service", service);
        values.put("environment", environment);
        values.put("tenant", tenant.orElse(""));
        return values;
    }

    /** The {@code RELEASE_GUARD_*} variables a deploy command sees, the idempotency key among them. */
    public Map<String, String> variables() {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("RELEASE_GUARD_RELEASE", release);
        vars.put("RELEASE_GUARD_SERVICE", service);
        vars.put("RELEASE_GUARD_ENVIRONMENT", environment);
        vars.put("RELEASE_GUARD_TENANT", tenant.orElse(""));
        vars.put("RELEASE_GUARD_IDEMPOTENCY_KEY", key.id());
        return vars;
    }
}
