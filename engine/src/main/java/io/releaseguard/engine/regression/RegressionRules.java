package io.releaseguard.engine.regression;

import io.releaseguard.engine.config.RegressionSpec;
import io.releaseguard.engine.health.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Decides whether an observation shows a regression. Request ratios: fewer than {@code minSamples} requests after the
 * deploy is INCONCLUSIVE; otherwise the error rate must stay within {@code maxErrorRate} and within {@code
 * maxRatioToBaseline} times the baseline rate (a baseline with no errors counts as one, so a first error is not an
 * infinite ratio; a baseline below {@code minSamples} cannot be compared and is INCONCLUSIVE). Issues: any issue first
 * seen after the deploy fails; an event-rate spike above {@code maxRatioToBaseline} fails once it has at least
 * {@code minSamples} events. An unavailable provider is INCONCLUSIVE. Pure.
 */
public final class RegressionRules {
    private RegressionRules() {}

    /** Judges one provider's observation for {@code query} against the environment's thresholds. */
    public static SignalResult assess(String provider, RegressionSpec spec, SignalQuery query, Observation o) {
        if (o instanceof Observation.Requests r) {
            return requests(provider, spec, r);
        }
        if (o instanceof Observation.Issues i) {
            return issues(provider, spec, query, i);
        }
        return new SignalResult(provider, Verdict.INCONCLUSIVE, ((Observation.Unavailable) o).reason());
    }

    private static SignalResult requests(String provider, RegressionSpec spec, Observation.Requests r) {
        long after = Math.round(r.afterTotal());
        if (after < spec.minSamples()) {
            return new SignalResult(
                    provider,
                    Verdict.INCONCLUSIVE,
                    "only " + after + " requests after the deploy, minSamples " + spec.minSamples()
                            + ": too little traffic to judge");
        }
        double afterRate = r.afterErrors() / r.afterTotal();
        String observed = "error rate " + percent(afterRate) + " after the deploy (" + Math.round(r.afterErrors())
                + " of " + after + " requests)";
        List<String> failures = new ArrayList<>();
        Verdict verdict = Verdict.PASS;
        if (spec.maxErrorRate().isPresent() && afterRate > spec.maxErrorRate().get()) {
            verdict = Verdict.FAIL;
            failures.add("above maxErrorRate " + percent(spec.maxErrorRate().get()));
        }
        String baseline = "";
        if (spec.maxRatioToBaseline().isPresent()) {
            long before = Math.round(r.baselineTotal());
            if (before < spec.minSamples()) {
                verdict = Verdict.worst(verdict, Verdict.INCONCLUSIVE);
                failures.add("baseline has only " + before + " requests (minSamples " + spec.minSamples()
                        + "): cannot compare");
            } else {
                double baseRate = Math.max(r.baselineErrors(), 1) / r.baselineTotal();
                double ratio = afterRate / baseRate;
                baseline = "; baseline " + percent(r.baselineErrors() / r.baselineTotal()) + " ("
                        + Math.round(r.baselineErrors()) + " of " + before + "), ratio " + fixed(ratio);
                if (ratio > spec.maxRatioToBaseline().get()) {
                    verdict = Verdict.FAIL;
                    failures.add("ratio " + fixed(ratio) + " to baseline above maxRatioToBaseline "
                            + fixed(spec.maxRatioToBaseline().get()));
                }
            }
        }
        return new SignalResult(
                provider,
                verdict,
                observed + baseline + (failures.isEmpty() ? "" : ": " + String.join("; ", failures)));
    }

    private static SignalResult issues(String provider, RegressionSpec spec, SignalQuery query, Observation.Issues i) {
        List<String> failures = new ArrayList<>();
        if (!i.newIssues().isEmpty()) {
            failures.add(i.newIssues().size() + " new issue" + (i.newIssues().size() == 1 ? "" : "s")
                    + " first seen after the deploy: "
                    + i.newIssues().stream()
                            .map(n -> n.id() + " \"" + n.title() + "\" (" + n.events() + " events)")
                            .collect(Collectors.joining(", ")));
        }
        double baseHours = Math.max(query.baseline().toSeconds(), 1) / 3600.0;
        double afterHours = Math.max(query.after().toSeconds(), 1) / 3600.0;
        double baseRate = Math.max(i.baselineEvents(), 1) / baseHours;
        double afterRate = i.afterEvents() / afterHours;
        double ratio = afterRate / baseRate;
        String rates = "events " + fixed(afterRate) + "/h after the deploy (" + Math.round(i.afterEvents())
                + "), baseline " + fixed(i.baselineEvents() / baseHours) + "/h (" + Math.round(i.baselineEvents())
                + "), ratio " + fixed(ratio);
        if (spec.maxRatioToBaseline().isPresent()
                && ratio > spec.maxRatioToBaseline().get()
                && i.afterEvents() >= spec.minSamples()) {
            failures.add("event rate spiked: ratio " + fixed(ratio) + " above maxRatioToBaseline "
                    + fixed(spec.maxRatioToBaseline().get()));
        }
        if (failures.isEmpty()) {
            return new SignalResult(provider, Verdict.PASS, "no new issues; " + rates);
        }
        return new SignalResult(provider, Verdict.FAIL, String.join("; ", failures) + "; " + rates);
    }

    private static String percent(double rate) {
        return String.format(Locale.ROOT, "%.2f%%", rate * 100);
    }

    private static String fixed(double d) {
        return String.format(Locale.ROOT, "%.2f", d);
    }
}
