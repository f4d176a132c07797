package io.releaseguard.engine.promotion;

import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.config.ServiceSpec;
import io.releaseguard.engine.state.PendingPromotion;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Lists the tenants of every fleet a promotion rolls out, before its first deploy. Tenant names from a
 * {@code tenantsUrl} are not in the reviewed policy, so each is checked there (the release-name rule) and a list with
 * one bad entry is refused whole: the promotion stops with nothing deployed, instead of failing on that tenant after
 * the canary went out and failing the same way on every resume.
 */
final class TenantPreflight {
    /** The gate's name in results and audit records. */
    static final String TENANTS = "TENANTS";

    private TenantPreflight() {}

    static Optional<GateResult> check(PromotionContext ctx, PendingPromotion p) {
        List<String> listed = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (ServiceSpec service : ctx.config().services()) {
            if (!service.isFleet() || !service.rollsOutTo(p.environment())) {
                continue;
            }
            try {
                listed.add(service.name() + " ("
                        + ctx.tenants().tenants(service, p.environment()).size() + ")");
            } catch (ReleaseGuardException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            return Optional.of(new GateResult(
                    TENANTS,
                    GateResult.Verdict.BLOCKED,
                    String.join("; ", problems) + " — nothing was deployed; fix the tenant list and run the promotion"
                            + " again"));
        }
        return listed.isEmpty()
                ? Optional.empty()
                : Optional.of(new GateResult(
                        TENANTS, GateResult.Verdict.OPEN, "tenants listed: " + String.join(", ", listed)));
    }
}
