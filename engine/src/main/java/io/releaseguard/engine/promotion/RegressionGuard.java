package io.releaseguard.engine.promotion;

import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.config.EnvironmentSpec;
import io.releaseguard.engine.config.RegressionSpec;
import io.releaseguard.engine.config.ServiceSpec;
import io.releaseguard.engine.health.Verdict;
import io.releaseguard.engine.regression.RegressionReport;
import io.releaseguard.engine.regression.SignalResult;
import io.releaseguard.engine.regression.WatchedDeploy;
import io.releaseguard.engine.state.PendingPromotion;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The regression half of a service's guard window: when the environment has a regression watch, the service soaks
 * until {@code soak} after it went live, then its error signals since that instant are compared with the baseline
 * before it, which measured the release it replaced. FAIL fails the service, which is then rolled back like a health
 * failure; INCONCLUSIVE goes on with a warning or halts the promotion, as {@code onInconclusive} says. The live
 * instant and a passed check are journaled, so a resumed promotion neither restarts the soak nor checks a service
 * twice; every check is audited.
 */
final class RegressionGuard {
    private final PromotionContext ctx;
    private final PromotionJournal journal;
    private final PromotionRecords records;
    private final PendingPromotion promotion;
    private final Optional<String> previous;
    private final Optional<RegressionSpec> spec;

    RegressionGuard(
            PromotionContext ctx,
            PromotionJournal journal,
            PromotionRecords records,
            PendingPromotion promotion,
            Optional<String> previous) {
        this.ctx = ctx;
        this.journal = journal;
        this.records = records;
        this.promotion = promotion;
        this.previous = previous;
        this.spec = ctx.config().environment(promotion.environment()).flatMap(EnvironmentSpec::regression);
    }

    /** How the check ended: passed (perhaps with a warning), failed (roll back), halted or waiting (resumable). */
    sealed interface Outcome {
        record Passed(Optional<String> warning) implements Outcome {}

        record Failed(String failure) implements Outcome {}

        record Halted(GateResult gate) implements Outcome {}

        /** The soak before the check is parked until {@code until}; nothing was checked. */
        record Waiting(Instant until) implements Outcome {}
    }

    /** Remembers when the service went live (its first deploy call succeeded), once per promotion. */
    void wentLive(ServiceSpec service) throws ReleaseGuardException {
        StepKey key = key(service, "live");
        if (spec.isPresent() && !journal.isDone(key)) {
            journal.done(key, ctx.clock().instant().toString());
        }
    }

    /** Soaks the service and checks it for regressions; passes at once when the environment has no watch. */
    Outcome check(ServiceSpec service) throws ReleaseGuardException {
        if (spec.isEmpty()) {
            return new Outcome.Passed(Optional.empty());
        }
        StepKey checked = key(service, "regression");
        if (journal.isDone(checked)) {
            String detail = journal.state(checked).orElseThrow().detail();
            return new Outcome.Passed(detail.startsWith("PASS") ? Optional.empty() : Optional.of(detail));
        }
        wentLive(service);
        Instant live =
                Instant.parse(journal.state(key(service, "live")).orElseThrow().detail());
        Duration left =
                Duration.between(ctx.clock().instant(), live.plus(spec.get().soak()));
        if (!left.isNegative() && !left.isZero()) {
            ctx.progress().accept(service.name() + ": soaking " + left.toSeconds() + "s before the regression check");
            Optional<Instant> parked = Soaks.until(ctx, live.plus(spec.get().soak()));
            if (parked.isPresent()) {
                return new Outcome.Waiting(parked.get());
            }
        }
        Verdict verdict;
        String summary;
        try {
            RegressionReport report = ctx.regression()
                    .evaluate(
                            ctx.config(),
                            new WatchedDeploy(
                                    promotion.environment(),
                                    Optional.of(promotion.release()),
                                    previous,
                                    List.of(service.name()),
                                    live),
                            ctx.clock().instant());
            verdict = report.verdict();
            summary = summary(report);
        } catch (ReleaseGuardException e) {
            if (e.exitCode() != ExitCode.INVALID) {
                throw e;
            }
            verdict = Verdict.INCONCLUSIVE;
            summary = e.getMessage();
        }
        String line = "regression " + verdict + " for " + service.name() + ": " + summary;
        records.audit(promotion, "guard.regression", verdict.name(), line);
        ctx.progress().accept(service.name() + ": " + line);
        return switch (verdict) {
            case PASS, WARN -> {
                journal.done(checked, "PASS: " + summary);
                yield new Outcome.Passed(Optional.empty());
            }
            case FAIL -> new Outcome.Failed(line);
            case INCONCLUSIVE -> inconclusive(service, checked, line);
        };
    }

    private Outcome inconclusive(ServiceSpec service, StepKey checked, String line) throws ReleaseGuardException {
        if (spec.orElseThrow().onInconclusive() == RegressionSpec.OnInconclusive.PROCEED) {
            journal.done(checked, line);
            return new Outcome.Passed(Optional.of(line + " (onInconclusive: proceed)"));
        }
        return new Outcome.Halted(new GateResult(
                "REGRESSION",
                GateResult.Verdict.BLOCKED,
                line + " (onInconclusive: block); " + service.name()
                        + " stays deployed: run the same command again to check it with the traffic since, or roll"
                        + " it back"));
    }

    /** The signals behind the verdict, or all of them when it passed. */
    private static String summary(RegressionReport report) {
        List<SignalResult> shown = report.signals().stream()
                .filter(s -> s.verdict() == report.verdict())
                .toList();
        return String.join(
                "; ",
                (shown.isEmpty() ? report.signals() : shown)
                        .stream().map(s -> s.label() + ": " + s.message()).toList());
    }

    private StepKey key(ServiceSpec service, String step) {
        return new StepKey(promotion.id(), service.name(), "", step);
    }
}
