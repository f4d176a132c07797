package io.releaseguard.engine.promotion;

import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.calendar.EmergencyOverride;
import io.releaseguard.engine.config.FleetSpec;
import io.releaseguard.engine.config.ServiceSpec;
import io.releaseguard.engine.deploy.BlueGreenDeployer;
import io.releaseguard.engine.deploy.DeployOutcome;
import io.releaseguard.engine.deploy.DeployRequest;
import io.releaseguard.engine.deploy.Deployer;
import io.releaseguard.engine.fleet.Batch;
import io.releaseguard.engine.fleet.FleetBatches;
import io.releaseguard.engine.health.HealthReport;
import io.releaseguard.engine.health.Verdict;
import io.releaseguard.engine.killswitch.KillSwitchState;
import io.releaseguard.engine.state.PendingPromotion;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Rolls one service out: plain services in one deploy call, fleets canary first and then in batches; a blue/green
 * call is {@link BlueGreenRollout}'s start, preview check and switch. The calendar and the kill switch are re-read
 * before every batch and the kill switch again immediately before every production call (each tenant's, and a
 * blue/green switch); each call runs under its journaled idempotency key, so a resumed promotion skips what is done.
 * Each wave is followed by the health gate on exactly the tenants it touched; the finished service then gets its
 * guard window's regression check ({@link RegressionGuard}).
 */
final class ServiceRollout {
    private final PromotionContext ctx;
    private final PromotionGates gates;
    private final PromotionJournal journal;
    private final PendingPromotion promotion;
    private final String deployment;
    private final EmergencyOverride emergency;
    private final BlueGreenRollout blueGreen;
    private final RegressionGuard guard;

    ServiceRollout(
            PromotionContext ctx,
            PromotionGates gates,
            PromotionJournal journal,
            PendingPromotion promotion,
            String deployment,
            EmergencyOverride emergency,
            RegressionGuard guard) {
        this.ctx = ctx;
        this.gates = gates;
        this.journal = journal;
        this.promotion = promotion;
        this.deployment = deployment;
        this.emergency = emergency;
        this.blueGreen = new BlueGreenRollout(ctx, journal, promotion);
        this.guard = guard;
    }

    /** How one production call ended: done, halted by a gate (resumable), or failed (roll it back). */
    record Call(Optional<GateResult> halt, Optional<String> failure) {
        static final Call DONE = new Call(Optional.empty(), Optional.empty());

        static Call halted(GateResult gate) {
            return new Call(Optional.of(gate), Optional.empty());
        }

        static Call failed(String why) {
            return new Call(Optional.empty(), Optional.of(why));
        }
    }

    /**
     * How a service's rollout ended: done (perhaps with a warning), halted by a gate (resumable), or failed (roll it
     * back).
     */
    record Result(
            String service,
            Instant start,
            Instant end,
            Optional<GateResult> haltedBy,
            Optional<String> failure,
            List<String> touchedTenants,
            Optional<String> warning,
            Optional<Instant> waitingUntil) {
        boolean ok() {
            return haltedBy.isEmpty() && failure.isEmpty() && waitingUntil.isEmpty();
        }
    }

    Result run(ServiceSpec service) throws ReleaseGuardException {
        Instant start = ctx.clock().instant();
        List<String> touched = new ArrayList<>();
        Result rolled = rollOut(service, start, touched);
        if (!rolled.ok()) {
            return rolled;
        }
        RegressionGuard.Outcome g = guard.check(service);
        if (g instanceof RegressionGuard.Outcome.Failed f) {
            return ended(service, start, Optional.empty(), Optional.of(f.failure()), touched);
        }
        if (g instanceof RegressionGuard.Outcome.Halted h) {
            return ended(service, start, Optional.of(h.gate()), Optional.empty(), touched);
        }
        if (g instanceof RegressionGuard.Outcome.Waiting w) {
            return waiting(service, start, touched, w.until());
        }
        return passed(service, start, touched, ((RegressionGuard.Outcome.Passed) g).warning(), Optional.empty());
    }

    private Result waiting(ServiceSpec service, Instant start, List<String> touched, Instant until) {
        ctx.progress()
                .accept(service.name() + ": soaking until " + until + "; this attempt stops here and the"
                        + " promotion continues then");
        return passed(service, start, touched, Optional.empty(), Optional.of(until));
    }

    /** Nothing halted or failed: the service is done (perhaps with a warning) or its soak is parked. */
    private Result passed(
            ServiceSpec service,
            Instant start,
            List<String> touched,
            Optional<String> warning,
            Optional<Instant> waitingUntil) {
        return new Result(
                service.name(),
                start,
                ctx.clock().instant(),
                Optional.empty(),
                Optional.empty(),
                touched,
                warning,
                waitingUntil);
    }

    private Result ended(
            ServiceSpec service,
            Instant start,
            Optional<GateResult> halt,
            Optional<String> failure,
            List<String> touched) {
        return new Result(
                service.name(),
                start,
                ctx.clock().instant(),
                halt,
                failure,
                touched,
                Optional.empty(),
                Optional.empty());
    }

    private Result rollOut(ServiceSpec service, Instant start, List<String> touched) throws ReleaseGuardException {
        Deployer deployer = ctx.deployers().apply(service);
        snapshot(service);
        if (!service.isFleet()) {
            Optional<GateResult> halt = halt();
            if (halt.isPresent()) {
                return ended(service, start, halt, Optional.empty(), touched);
            }
            Call call = call(deployer, service, Optional.empty());
            Optional<String> failed = call.halt().isPresent() || call.failure().isPresent()
                    ? call.failure()
                    : health(service, Optional.empty());
            return ended(service, start, call.halt(), failed, touched);
        }
        List<String> tenants = ctx.tenants().tenants(service, promotion.environment());
        FleetSpec fleet = service.fleet().orElse(new FleetSpec(List.of(), 1, Duration.ZERO, 10, Duration.ZERO));
        List<Batch> batches = FleetBatches.plan(tenants, fleet);
        int ordinary =
                (int) batches.stream().filter(b -> b.kind() == Batch.Kind.BATCH).count();
        for (int b = 0; b < batches.size(); b++) {
            Batch batch = batches.get(b);
            boolean alreadyDone = batch.tenants().stream().allMatch(t -> done(key(service, t, "deploy")));
            Optional<GateResult> halt = alreadyDone ? Optional.empty() : halt();
            if (halt.isPresent()) {
                return ended(service, start, halt, Optional.empty(), touched);
            }
            for (String tenant : batch.tenants()) {
                Optional<GateResult> killed = done(key(service, tenant, "deploy"))
                        ? Optional.empty()
                        : killSwitch(ctx, promotion.environment(), "before " + tenant);
                if (killed.isPresent()) {
                    return ended(service, start, killed, Optional.empty(), touched);
                }
                touched.add(tenant);
                Call call = call(deployer, service, Optional.of(tenant));
                if (call.halt().isPresent() || call.failure().isPresent()) {
                    return ended(service, start, call.halt(), call.failure(), touched);
                }
            }
            Optional<String> unhealthy = health(service, Optional.of(batch.tenants()));
            ctx.progress()
                    .accept(service.name() + ": " + batch.label(ordinary) + " ("
                            + batch.tenants().size() + " tenant(s)) " + (unhealthy.isEmpty() ? "healthy" : "FAILED"));
            if (unhealthy.isPresent()) {
                return ended(service, start, Optional.empty(), unhealthy, touched);
            }
            // The soak's end is journaled when it starts, so a resumed attempt (after a crash, or parked by the
            // soaker) waits only what is left; a batch finished under a journal without that entry soaked before.
            StepKey soak = key(service, "", "soak-" + b);
            if (!batch.soakAfter().isZero()
                    && (!alreadyDone || journal.state(soak).isPresent())) {
                if (journal.state(soak).isEmpty()) {
                    ctx.progress()
                            .accept(service.name() + ": soaking "
                                    + batch.soakAfter().toSeconds() + "s");
                }
                Optional<Instant> parked = Soaks.once(ctx, journal, soak, batch.soakAfter());
                if (parked.isPresent()) {
                    return waiting(service, start, touched, parked.get());
                }
            }
        }
        Optional<String> converged = health(service, Optional.empty());
        if (converged.isEmpty()) {
            ctx.progress()
                    .accept(service.name() + ": all " + tenants.size() + " tenants healthy"
                            + (service.buildinfo().isPresent() ? " and on the same SHA" : ""));
        }
        return ended(service, start, Optional.empty(), converged, touched);
    }

    /**
     * Saves the service's pre-deploy snapshot once per promotion, before anything of it is touched, linked to the
     * deployment's id: that link, not the time, is how a rollback finds it.
     */
    private void snapshot(ServiceSpec service) throws ReleaseGuardException {
        String env = promotion.environment();
        if (ctx.snapshots().isEmpty()
                || service.snapshot().isEmpty()
                || !service.targets().containsKey(env)) {
            return;
        }
        StepKey key = key(service, "", "snapshot");
        if (done(key)) {
            return;
        }
        journal.started(key);
        var m = ctx.snapshots()
                .get()
                .save(
                        ctx.config(),
                        env,
                        service.name(),
                        io.releaseguard.engine.release.ReleaseName.parse(promotion.release()),
                        Optional.of(deployment),
                        promotion.requestedBy());
        journal.done(key, m.id());
        ctx.progress().accept(service.name() + ": snapshot " + m.id() + " taken before deploying");
    }

    private Optional<GateResult> halt() throws ReleaseGuardException {
        return gates.recheck(promotion.environment(), emergency).stream()
                .filter(GateResult::stops)
                .findFirst();
    }

    private StepKey key(ServiceSpec service, String tenant, String step) {
        return new StepKey(promotion.id(), service.name(), tenant, step);
    }

    private boolean done(StepKey key) {
        return journal.isDone(key);
    }

    /** The kill switch read now: a BLOCKED gate when it is engaged. */
    static Optional<GateResult> killSwitch(PromotionContext ctx, String environment, String before) {
        KillSwitchState k = ctx.killSwitch().apply(environment).get();
        return k.engaged()
                ? Optional.of(new GateResult(
                        "KILL_SWITCH",
                        GateResult.Verdict.BLOCKED,
                        k.source() + ": " + k.reason() + " (" + before + ")"))
                : Optional.empty();
    }

    /** One journaled production call (done now or before a crash), or a blue/green start, check and switch. */
    private Call call(Deployer deployer, ServiceSpec service, Optional<String> tenant) throws ReleaseGuardException {
        if (deployer instanceof BlueGreenDeployer bg) {
            Call call = blueGreen.run(bg, service, tenant);
            if (call.halt().isEmpty() && call.failure().isEmpty()) {
                guard.wentLive(service);
            }
            return call;
        }
        StepKey key = key(service, tenant.orElse(""), "deploy");
        DeployOutcome out = journal.deployOnce(
                deployer, new DeployRequest(promotion.environment(), service.name(), promotion.release(), tenant, key));
        if (!out.succeeded()) {
            return Call.failed("deploy of " + service.name()
                    + tenant.map(t -> " to " + t).orElse("") + " failed: " + out.detail());
        }
        guard.wentLive(service);
        return Call.DONE;
    }

    /** The health gate on the service (or some tenants); empty unless it FAILs. */
    Optional<String> health(ServiceSpec service, Optional<List<String>> tenants) throws ReleaseGuardException {
        return healthOf(ctx, promotion.environment(), service, promotion.release(), tenants);
    }

    static Optional<String> healthOf(
            PromotionContext ctx, String env, ServiceSpec service, String release, Optional<List<String>> tenants)
            throws ReleaseGuardException {
        if (service.health().isEmpty() && service.buildinfo().isEmpty()) {
            return Optional.empty();
        }
        HealthReport report =
                ctx.health().check(ctx.config(), env, Optional.of(service.name()), Optional.of(release), tenants);
        if (report.verdict() != Verdict.FAIL) {
            return Optional.empty();
        }
        return Optional.of("health FAIL for " + service.name() + ": " + problems(report));
    }

    /** The first checks that decided the report's verdict, and how many tenants are not on the expected SHA. */
    static String problems(HealthReport report) {
        String checks = report.checks().stream()
                .filter(c -> c.verdict() == report.verdict())
                .limit(5)
                .map(c -> c.service() + c.tenant().map(t -> "/" + t).orElse("") + " " + c.check() + ": " + c.message())
                .collect(Collectors.joining("; "));
        String sha = report.buildinfo()
                .filter(b -> !b.mismatches().isEmpty())
                .map(b -> "; " + b.mismatches().size() + " tenant(s) not on " + b.expected())
                .orElse("");
        return checks + sha;
    }
}
