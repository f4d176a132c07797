package io.releaseguard.engine.regression;

import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.config.EnvironmentSpec;
import io.releaseguard.engine.config.RegressionSpec;
import io.releaseguard.engine.config.ReleaseGuardConfig;
import io.releaseguard.engine.config.ServiceSpec;
import io.releaseguard.engine.health.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Compares error signals after a deploy with a baseline before it. The windows: baseline {@code [deploy - baseline,
 * deploy)}, after {@code [max(deploy, at - window), at]}, so an early check sees everything since the deploy and a
 * follow-up hours later sees the most recent {@code window}. A provider scoped per service is asked once for each
 * service the deploy shipped; each answer is judged by {@link RegressionRules}, the worst verdict wins, and the
 * services behind a FAIL or INCONCLUSIVE verdict are named (all of the deploy's when the signal covers the whole
 * environment).
 */
public final class RegressionWatch {
    private final ProviderFactory providers;

    public RegressionWatch(ProviderFactory providers) {
        this.providers = providers;
    }

    /** Evaluates {@code deploy} as of {@code at}. */
    public RegressionReport evaluate(ReleaseGuardConfig config, WatchedDeploy deploy, Instant at)
            throws ReleaseGuardException {
        String environment = deploy.environment();
        EnvironmentSpec env = config.environment(environment)
                .orElseThrow(() -> new ReleaseGuardException(
                        ExitCode.INVALID,
                        "unknown environment '" + environment + "'; known: "
                                + String.join(", ", config.environmentNames())));
        RegressionSpec spec = env.regression()
                .orElseThrow(() -> new ReleaseGuardException(
                        ExitCode.INVALID, "environment " + environment + " has no 'regression' watch configured"));
        Instant deployAt = deploy.deployedAt();
        if (!at.isAfter(deployAt)) {
            throw new ReleaseGuardException(
                    ExitCode.INVALID,
                    "the deploy instant " + deployAt + " is not before the evaluation instant " + at
                            + ": nothing to compare yet");
        }
        List<String> services = deploy.services().isEmpty()
                ? config.services().stream()
                        .filter(s -> s.rollsOutTo(environment))
                        .map(ServiceSpec::name)
                        .toList()
                : deploy.services();
        Instant afterStart = at.minus(spec.window()).isAfter(deployAt) ? at.minus(spec.window()) : deployAt;
        SignalQuery query = new SignalQuery(
                environment,
                deploy.release(),
                deploy.baselineRelease(),
                services,
                Optional.empty(),
                deployAt.minus(spec.baseline()),
                deployAt,
                afterStart,
                at);
        List<SignalResult> signals = new ArrayList<>();
        for (ErrorSignalProvider p : providers.create(environment, spec)) {
            if (p.needsRelease() && deploy.release().isEmpty()) {
                throw new ReleaseGuardException(
                        ExitCode.INVALID,
                        "the " + p.name() + " queries of " + environment
                                + " use ${release}; name the release the deploy shipped (--release)");
            }
            List<SignalQuery> queries =
                    p.perService() ? services.stream().map(query::forService).toList() : List.of(query);
            for (SignalQuery q : queries) {
                signals.add(RegressionRules.assess(p.name(), spec, q, p.observe(q)));
            }
        }
        Verdict verdict = signals.stream().map(SignalResult::verdict).reduce(Verdict.PASS, Verdict::worst);
        return new RegressionReport(
                environment,
                deploy.release(),
                deploy.baselineRelease(),
                services,
                deployAt,
                query.baselineStart(),
                afterStart,
                at,
                verdict,
                implicated(verdict, signals, services),
                signals);
    }

    /** The services behind a FAIL or INCONCLUSIVE verdict: those of the signals that have it. */
    static List<String> implicated(Verdict verdict, List<SignalResult> signals, List<String> services) {
        if (verdict != Verdict.FAIL && verdict != Verdict.INCONCLUSIVE) {
            return List.of();
        }
        Set<String> named = new LinkedHashSet<>();
        for (SignalResult s : signals) {
            if (s.verdict() == verdict) {
                if (s.service().isPresent()) {
                    named.add(s.service().get());
                } else {
                    named.addAll(services);
                }
            }
        }
        return services.stream().filter(named::contains).toList();
    }
}
