package io.releaseguard.engine.regression;

import io.releaseguard.engine.config.RegressionSpec;
import io.releaseguard.engine.health.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Decides whether an observation shows a regression. Traffic first: fewer than {@code minSamples} requests
 * (Prometheus) or sessions of the release (Sentry) after the deploy is INCONCLUSIVE, whatever the errors. Request
 * ratios: the error rate must stay within {@code maxErrorRate} and within {@code maxRatioToBaseline} times the
 * baseline rate (a baseline with no errors counts as one, so a first error is not an infinite ratio; a baseline below
 * {@code minSamples} cannot be compared and is INCONCLUSIVE). Issues: any issue first seen after the deploy fails,
 * and so do error events per session above {@code maxRatioToBaseline} times the baseline's. A project without any
 * sessions has no release health to count traffic with: INCONCLUSIVE, saying how to fix it. An unavailable provider
 * is INCONCLUSIVE. Pure.
 */
public final class RegressionRules {
    private RegressionRules() {}

    /** Judges one provider's observation for {@code query} against the environment's thresholds. */
    public static SignalResult assess(String provider, RegressionSpec spec, SignalQuery query, Observation o) {
        Judgement j;
        if (o instanceof Observation.Requests r) {
            j = requests(spec, r);
        } else if (o instanceof Observation.Issues i) {
            j = issues(spec, query, i);
        } else {
            j = new Judgement(Verdict.INCONCLUSIVE, ((Observation.Unavailable) o).reason());
        }
        return new SignalResult(provider, query.service(), j.verdict(), j.message());
    }

    private record Judgement(Verdict verdict, String message) {}

    private static Judgement requests(RegressionSpec spec, Observation.Requests r) {
        long after = Math.round(r.afterTotal());
        if (after < spec.minSamples()) {
            return tooLittle(after + " requests", spec, "");
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
            double ratio = afterRate / (Math.max(r.baselineErrors(), 1) / r.baselineTotal());
            verdict = Verdict.worst(
                    verdict, toBaseline(spec, before, "requests", ratio, "ratio %s to baseline", failures));
            if (before >= spec.minSamples()) {
                baseline = "; baseline " + percent(r.baselineErrors() / r.baselineTotal()) + " ("
                        + Math.round(r.baselineErrors()) + " of " + before + "), ratio " + fixed(ratio);
            }
        }
        return new Judgement(
                verdict, observed + baseline + (failures.isEmpty() ? "" : ": " + String.join("; ", failures)));
    }

    private static Judgement issues(RegressionSpec spec, SignalQuery query, Observation.Issues i) {
        Observation.Sessions s = i.sessions();
        String fresh = newIssues(i.newIssues());
        String seen = fresh.isEmpty() ? "" : "; seen so far: " + fresh;
        if (s.baseline() == 0 && s.after() == 0) {
            return new Judgement(
                    Verdict.INCONCLUSIVE,
                    "no sessions recorded before or after the deploy: the project has no release health (or no"
                            + " traffic at all), so a quiet release cannot be told from a healthy one; enable"
                            + " session tracking in the Sentry SDK (release health) or judge traffic with"
                            + " Prometheus" + seen);
        }
        long release = Math.round(s.release());
        if (release < spec.minSamples()) {
            String what = release + " sessions"
                    + query.release().map(r -> " of release " + r).orElse("");
            return tooLittle(what, spec, seen);
        }
        List<String> failures = new ArrayList<>();
        Verdict verdict = Verdict.PASS;
        if (!fresh.isEmpty()) {
            verdict = Verdict.FAIL;
            failures.add(fresh);
        }
        double afterRate = i.afterEvents() / Math.max(s.after(), 1);
        String rates = "events " + perSession(afterRate) + "/session after the deploy (" + Math.round(i.afterEvents())
                + " events, " + Math.round(s.after()) + " sessions)";
        if (spec.maxRatioToBaseline().isPresent()) {
            long before = Math.round(s.baseline());
            double ratio = afterRate / (Math.max(i.baselineEvents(), 1) / s.baseline());
            verdict = Verdict.worst(
                    verdict, toBaseline(spec, before, "sessions", ratio, "event rate spiked: ratio %s", failures));
            if (before >= spec.minSamples()) {
                rates += ", baseline " + perSession(i.baselineEvents() / s.baseline()) + "/session ("
                        + Math.round(i.baselineEvents()) + " events, " + before + " sessions), ratio " + fixed(ratio);
            }
        }
        if (failures.isEmpty()) {
            return new Judgement(Verdict.PASS, "no new issues; " + rates);
        }
        return new Judgement(verdict, String.join("; ", failures) + "; " + rates);
    }

    private static Judgement tooLittle(String observed, RegressionSpec spec, String suffix) {
        return new Judgement(
                Verdict.INCONCLUSIVE,
                "only " + observed + " after the deploy, minSamples " + spec.minSamples()
                        + ": too little traffic to judge" + suffix);
    }

    /**
     * The ratio rule of both kinds: a baseline of fewer than {@code minSamples} cannot be compared (INCONCLUSIVE);
     * otherwise the ratio must stay within {@code maxRatioToBaseline} (FAIL). The reason goes to {@code failures}.
     */
    private static Verdict toBaseline(
            RegressionSpec spec, long before, String unit, double ratio, String breach, List<String> failures) {
        if (before < spec.minSamples()) {
            failures.add("baseline has only " + before + " " + unit + " (minSamples " + spec.minSamples()
                    + "): cannot compare");
            return Verdict.INCONCLUSIVE;
        }
        if (ratio > spec.maxRatioToBaseline().orElseThrow()) {
            failures.add(breach.formatted(fixed(ratio)) + " above maxRatioToBaseline "
                    + fixed(spec.maxRatioToBaseline().orElseThrow()));
            return Verdict.FAIL;
        }
        return Verdict.PASS;
    }

    private static String newIssues(List<Observation.NewIssue> fresh) {
        if (fresh.isEmpty()) {
            return "";
        }
        return fresh.size() + " new issue" + (fresh.size() == 1 ? "" : "s") + " first seen after the deploy: "
                + fresh.stream()
                        .map(n -> n.id() + " \"" + n.title() + "\" (" + n.events() + " events)")
                        .collect(Collectors.joining(", "));
    }

    private static String percent(double rate) {
        return String.format(Locale.ROOT, "%.2f%%", rate * 100);
    }

    private static String perSession(double rate) {
        return String.format(Locale.ROOT, "%.4f", rate);
    }

    private static String fixed(double d) {
        return String.format(Locale.ROOT, "%.2f", d);
    }
}
