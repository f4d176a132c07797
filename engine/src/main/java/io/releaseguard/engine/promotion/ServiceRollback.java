package io.releaseguard.engine.promotion;

import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.config.ServiceSpec;
import io.releaseguard.engine.deploy.BlueGreenDeployer;
import io.releaseguard.engine.deploy.DeployOutcome;
import io.releaseguard.engine.deploy.DeployRequest;
import io.releaseguard.engine.deploy.Deployer;
import io.releaseguard.engine.snapshot.RestoreResult;
import io.releaseguard.engine.state.PendingPromotion;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Rolls the failing service back, and only that service. A blue/green service switches traffic back to the release
 * that was live before, which never stopped running, and only where this promotion switched it (a new version that
 * failed its preview never took traffic). Others are restored from the snapshot taken before this deploy when they
 * have one (the default choice of {@link io.releaseguard.engine.snapshot.SnapshotSelection}, which finds it by this
 * running deployment's id), otherwise the previous release is redeployed (to every tenant this promotion touched).
 * Health is then checked again against that release; anything short of a verified restore is a failed rollback: a
 * human is needed. The kill switch is not consulted here: it stops deploys, never the way back. The caller pages
 * on-call before a mainnet rollback.
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

    /** The outcome: rolled back and healthy, or not, with what happened; {@code kind} as the manifest names it. */
    record Result(boolean rolledBack, String kind, String detail) {}

    static final String SNAPSHOT = "SNAPSHOT";
    static final String REDEPLOY = "REDEPLOY";
    static final String SWITCH_BACK = "SWITCH_BACK";

    Result run(ServiceSpec service, Optional<String> previousRelease, List<String> touchedTenants)
            throws ReleaseGuardException {
        String env = promotion.environment();
        Deployer deployer = ctx.deployers().apply(service);
        List<Optional<String>> targets = new ArrayList<>();
        if (service.isFleet()) {
            touchedTenants.forEach(t -> targets.add(Optional.of(t)));
        } else {
            targets.add(Optional.empty());
        }
        Result restored;
        if (deployer instanceof BlueGreenDeployer) {
            List<Optional<String>> switched = targets.stream()
                    .filter(t -> journal.state(new StepKey(promotion.id(), service.name(), t.orElse(""), "deploy"))
                            .isPresent())
                    .toList();
            restored = switched.isEmpty()
                    ? new Result(
                            true,
                            SWITCH_BACK,
                            "traffic never left " + previousRelease.orElse("the previous version") + ": "
                                    + promotion.release() + " was not switched to")
                    : toPrevious(deployer, service, previousRelease, switched, SWITCH_BACK);
        } else if (service.snapshot().isPresent()
                && ctx.snapshots().isPresent()
                && service.targets().containsKey(env)) {
            journal.checkFence();
            RestoreResult r = ctx.snapshots()
                    .get()
                    .restore(ctx.config(), env, service.name(), Optional.empty(), false, promotion.requestedBy());
            restored = new Result(
                    r.status() != RestoreResult.Status.RESTORE_FAILED,
                    SNAPSHOT,
                    "restored snapshot " + r.snapshotId() + " (" + r.snapshot() + "): " + r.status());
        } else {
            restored = toPrevious(deployer, service, previousRelease, targets, REDEPLOY);
        }
        return verify(service, previousRelease, touchedTenants, restored);
    }

    /** Deploys (for blue/green: switches to) the previous release on each target, each call journaled. */
    private Result toPrevious(
            Deployer deployer,
            ServiceSpec service,
            Optional<String> previousRelease,
            List<Optional<String>> targets,
            String kind)
            throws ReleaseGuardException {
        String env = promotion.environment();
        String verb = kind.equals(SWITCH_BACK) ? "switching traffic back to " : "redeploying ";
        if (previousRelease.isEmpty()) {
            return new Result(
                    false,
                    kind,
                    "nothing to roll back to: no earlier release of " + service.name() + " succeeded in " + env
                            + (kind.equals(SWITCH_BACK) ? "" : " and it has no snapshot"));
        }
        for (Optional<String> tenant : targets) {
            StepKey key = new StepKey(promotion.id(), service.name(), tenant.orElse(""), "rollback");
            DeployOutcome out = journal.deployOnce(
                    deployer, new DeployRequest(env, service.name(), previousRelease.get(), tenant, key));
            if (!out.succeeded()) {
                return new Result(
                        false,
                        kind,
                        verb + previousRelease.get()
                                + tenant.map(t -> " on " + t).orElse("") + " failed: " + out.detail());
            }
        }
        String where = service.isFleet() ? targets.size() + " tenant(s)" : service.name();
        return new Result(
                true,
                kind,
                kind.equals(SWITCH_BACK)
                        ? "switched traffic back to " + previousRelease.get() + " on " + where + " (it kept running)"
                        : "redeployed " + previousRelease.get() + " to " + where);
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
