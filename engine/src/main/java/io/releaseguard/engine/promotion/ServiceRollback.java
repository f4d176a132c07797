package io.releaseguard.engine.promotion;

import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.config.ServiceSpec;
import io.releaseguard.engine.deploy.DeployOutcome;
import io.releaseguard.engine.deploy.DeployRequest;
import io.releaseguard.engine.deploy.Deployer;
import io.releaseguard.engine.snapshot.RestoreResult;
import io.releaseguard.engine.state.PendingPromotion;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Rolls the failing service back, and only that service: from its pre-deploy snapshot when it has one, otherwise by
 * redeploying the release that was live before (to every tenant this promotion touched), then checks health again
 * against that release. Anything short of a verified restore is a failed rollback: a human is needed.
 */
final class ServiceRollback {
    private final PromotionContext ctx;
    private final PromotionJournal journal;
    private final PendingPromotion promotion;

    ServiceRollback(PromotionContext ctx, PromotionJournal journal, PendingPromotion promotion) {
        this.ctx = ctx;
        this.journal = journal;
        this.promotion = promotion;
    }

    /** The outcome: rolled back and healthy, or not, with what happened. */
    record Result(boolean rolledBack, String kind, String detail) {}

    Result run(ServiceSpec service, Optional<String> previousRelease, List<String> touchedTenants)
            throws ReleaseGuardException {
        String env = promotion.environment();
        if (service.snapshot().isPresent()
                && ctx.snapshots().isPresent()
                && service.targets().containsKey(env)) {
            RestoreResult r = ctx.snapshots()
                    .get()
                    .restore(ctx.config(), env, service.name(), Optional.empty(), false, promotion.requestedBy());
            boolean ok = r.status() != RestoreResult.Status.RESTORE_FAILED;
            return verify(
                    service,
                    previousRelease,
                    touchedTenants,
                    new Result(ok, "snapshot", "restored snapshot " + r.snapshotId() + ": " + r.status()));
        }
        if (previousRelease.isEmpty()) {
            return new Result(
                    false,
                    "redeploy",
                    "nothing to roll back to: no earlier release of " + service.name() + " succeeded in " + env
                            + " and it has no snapshot");
        }
        Deployer deployer = ctx.deployers().apply(service);
        List<Optional<String>> targets = new ArrayList<>();
        if (service.isFleet()) {
            touchedTenants.forEach(t -> targets.add(Optional.of(t)));
        } else {
            targets.add(Optional.empty());
        }
        for (Optional<String> tenant : targets) {
            StepKey key = new StepKey(promotion.id(), service.name(), tenant.orElse(""), "rollback");
            DeployOutcome out = journal.deployOnce(
                    deployer, new DeployRequest(env, service.name(), previousRelease.get(), tenant, key));
            if (!out.succeeded()) {
                return new Result(
                        false,
                        "redeploy",
                        "redeploying " + previousRelease.get()
                                + tenant.map(t -> " to " + t).orElse("") + " failed: " + out.detail());
            }
        }
        return verify(
                service,
                previousRelease,
                touchedTenants,
                new Result(
                        true,
                        "redeploy",
                        "redeployed "
                                + previousRelease.get() + " to "
                                + (service.isFleet() ? touchedTenants.size() + " tenant(s)" : service.name())));
    }

    private Result verify(ServiceSpec service, Optional<String> previous, List<String> tenants, Result restored)
            throws ReleaseGuardException {
        if (!restored.rolledBack() || previous.isEmpty()) {
            return restored;
        }
        Optional<List<String>> scope = service.isFleet() ? Optional.of(tenants) : Optional.empty();
        Optional<String> unhealthy =
                ServiceRollout.healthOf(ctx, promotion.environment(), service, previous.get(), scope);
        return unhealthy.isEmpty()
                ? new Result(true, restored.kind(), restored.detail() + "; health PASS on " + previous.get())
                : new Result(false, restored.kind(), restored.detail() + "; still unhealthy: " + unhealthy.get());
    }
}
