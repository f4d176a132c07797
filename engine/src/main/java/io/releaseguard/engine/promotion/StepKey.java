package io.releaseguard.engine.promotion;

import java.util.Objects;

/**
 * The idempotency key of one production action: promotion, service, tenant (empty for a whole service) and step.
 * Deploy actions receive it ({@code Idempotency-Key} header, {@code RELEASE_GUARD_IDEMPOTENCY_KEY} variable) so a
 * receiver can refuse to run the same step twice even across a crash.
 */
public record StepKey(String promotion, String service, String tenant, String step) {
    public StepKey {
        Objects.requireNonNull(promotion, "promotion");
        Objects.requireNonNull(service, "service");
        tenant = tenant == null ? "" : tenant;
        Objects.requireNonNull(step, "step");
        for (String part : new String[] {promotion, service, tenant, step}) {
            if (part.contains("/")) {
                throw new IllegalArgumentException("a step key part may not contain '/': " + part);
            }
        }
    }

    /** {@code promotion/service/tenant/step}, the form sent to receivers and written to the journal. */
    public String id() {
        return promotion + "/" + service + "/" + tenant + "/" + step;
    }

    public static StepKey parse(String id) {
        String[] p = id.split("/", -1);
        if (p.length != 4) {
            throw new IllegalArgumentException("not a step key: " + id);
        }
        return new StepKey(p[0], p[1], p[2], p[3]);
    }
}
