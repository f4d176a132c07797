package io.releaseguard.engine.regression;

import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.audit.AuditEntry;
import io.releaseguard.engine.config.ReleaseGuardConfig;
import io.releaseguard.engine.health.Verdict;
import io.releaseguard.engine.state.StateStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the follow-ups that are due: each is evaluated as of its own checkpoint instant (so a late run judges the same
 * window it would have judged on time) against the release that was live before its deploy, its result recorded in
 * the {@link FollowupStore} and audited with the release and the services it implicates. A follow-up that cannot be
 * evaluated (its environment lost its watch) is recorded as INCONCLUSIVE with the reason rather than blocking the
 * others.
 */
public final class FollowupRunner {
    private final RegressionWatch watch;
    private final FollowupStore store;
    private final StateStore state;

    public FollowupRunner(RegressionWatch watch, FollowupStore store, StateStore state) {
        this.watch = watch;
        this.store = store;
        this.state = state;
    }

    /** One follow-up that ran, with its recorded state and what the watch found. */
    public record Outcome(Followup followup, Verdict verdict, List<String> implicated, List<SignalResult> signals) {
        public Outcome {
            implicated = List.copyOf(implicated);
            signals = List.copyOf(signals);
        }
    }

    /** Runs every follow-up due at {@code now}, earliest first. */
    public List<Outcome> runDue(ReleaseGuardConfig config, Instant now) throws ReleaseGuardException {
        List<Outcome> outcomes = new ArrayList<>();
        for (Followup f : store.due(now)) {
            List<SignalResult> signals;
            List<String> implicated;
            Verdict verdict;
            try {
                RegressionReport r = watch.evaluate(
                        config,
                        WatchedDeploy.fromHistory(
                                state, f.environment(), Optional.of(f.release()), f.services(), f.deployedAt()),
                        f.due());
                signals = r.signals();
                implicated = r.implicated();
                verdict = r.verdict();
            } catch (ReleaseGuardException e) {
                if (e.exitCode() != ExitCode.INVALID) {
                    throw e;
                }
                signals = List.of(
                        new SignalResult("release-guard", Optional.empty(), Verdict.INCONCLUSIVE, e.getMessage()));
                implicated = f.services();
                verdict = Verdict.INCONCLUSIVE;
            }
            Followup done = store.record(f.id(), new FollowupResult(now, verdict, implicated, signals));
            state.audit()
                    .append(new AuditEntry(
                            "release-guard",
                            "followup",
                            f.environment(),
                            f.release(),
                            verdict.name(),
                            String.join(
                                    "; ",
                                    signals.stream()
                                            .map(s -> s.label() + ": " + s.message())
                                            .toList()),
                            Map.of(
                                    "followup", f.id(),
                                    "due", f.due().toString(),
                                    "services", String.join(",", f.services()),
                                    "implicated", String.join(",", implicated))));
            outcomes.add(new Outcome(done, verdict, implicated, signals));
        }
        return outcomes;
    }
}
