package io.releaseguard.engine.regression;

import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.config.EnvironmentSpec;
import io.releaseguard.engine.config.RegressionSpec;
import io.releaseguard.engine.config.ReleaseGuardConfig;
import io.releaseguard.engine.health.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Compares error signals after a deploy with a baseline before it. The windows: baseline {@code [deploy - baseline,
 * deploy)}, after {@code [max(deploy, at - window), at]}, so an early check sees everything since the deploy and a
 * follow-up hours later sees the most recent {@code window}. Each provider is judged by {@link RegressionRules}; the
 * worst verdict wins.
 */
public final class RegressionWatch {
    private final ProviderFactory providers;

    public RegressionWatch(ProviderFactory providers) {
        this.providers = providers;
    }

    /** Evaluates the deploy of {@code release} at {@code deployAt} as of {@code at}. */
    public RegressionReport evaluate(
            ReleaseGuardConfig config,
            String environment,
            Instant deployAt,
            Instant at,
            Optional<String> release,
            List<String> services)
            throws ReleaseGuardException {
        EnvironmentSpec env = config.environment(environment)
                .orElseThrow(() -> new ReleaseGuardException(
                        ExitCode.INVALID,
                        "unknown environment '" + environment + "'; known: "
                                + String.join(", ", config.environmentNames())));
        RegressionSpec spec = env.regression()
                .orElseThrow(() -> new ReleaseGuardException(
                        ExitCode.INVALID, "environment " + environment + " has no 'regression' watch configured"));
        if (!at.isAfter(deployAt)) {
            throw new ReleaseGuardException(
                    ExitCode.INVALID,
                    "the deploy instant " + deployAt + " is not before the evaluation instant " + at
                            + ": nothing to compare yet");
        }
        Instant afterStart = at.minus(spec.window()).isAfter(deployAt) ? at.minus(spec.window()) : deployAt;
        SignalQuery query = new SignalQuery(
                environment, release, services, deployAt.minus(spec.baseline()), deployAt, afterStart, at);
        List<SignalResult> signals = new ArrayList<>();
        for (ErrorSignalProvider p : providers.create(environment, spec)) {
            signals.add(RegressionRules.assess(p.name(), spec, query, p.observe(query)));
        }
        Verdict verdict = signals.stream().map(SignalResult::verdict).reduce(Verdict.PASS, Verdict::worst);
        return new RegressionReport(
                environment, release, services, deployAt, query.baselineStart(), afterStart, at, verdict, signals);
    }
}
