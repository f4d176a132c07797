package io.releaseguard.engine.promotion;

import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.config.Durations;
import io.releaseguard.engine.config.EnvironmentSpec;
import io.releaseguard.engine.config.ReleaseGuardConfig;
import io.releaseguard.engine.state.Deployment;
import io.releaseguard.engine.state.Outcome;
import io.releaseguard.engine.state.StateStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The path rule: a release enters at the first environment; later it is promoted only from the previous environment
 * in the path, skipping optional ones, and only when it succeeded there. The soak rule: it must then have run in
 * that environment for the source's {@code soak} before it moves on.
 */
public record PathDecision(
        boolean allowed, String title, Optional<String> source, Optional<Instant> succeededAt, List<String> details) {

    public PathDecision {
        details = List.copyOf(details);
    }

    public static PathDecision decide(ReleaseGuardConfig config, String release, String target, StateStore state)
            throws ReleaseGuardException {
        int index = config.indexOf(target);
        List<String> details = new ArrayList<>();
        state.lastSuccessful(target)
                .ifPresent(live -> details.add("live in " + target + ": " + live.release() + " since " + live.end()));
        if (index == 0) {
            details.add(target + " is the first environment: releases enter the path here");
            return new PathDecision(true, "enter the path at " + target, Optional.empty(), Optional.empty(), details);
        }
        List<String> skipped = new ArrayList<>();
        for (int i = index - 1; i >= 0; i--) {
            EnvironmentSpec candidate = config.environments().get(i);
            Optional<Deployment> ok = state.deployments(candidate.name()).stream()
                    .filter(d -> d.release().equals(release) && d.outcome() == Outcome.SUCCEEDED)
                    .reduce((a, b) -> b);
            if (ok.isPresent()) {
                details.add(release + " succeeded in " + candidate.name() + " at "
                        + ok.get().end());
                skipped.forEach(s -> details.add("skips optional environment " + s));
                return new PathDecision(
                        true,
                        "promote from " + candidate.name(),
                        Optional.of(candidate.name()),
                        Optional.of(ok.get().end()),
                        details);
            }
            if (!candidate.optional()) {
                details.add(release + " has not succeeded in " + candidate.name()
                        + "; promotion is only from the previous environment"
                        + (skipped.isEmpty() ? "" : " (optional " + String.join(", ", skipped) + " skipped)"));
                if (unknown(config, release, state)) {
                    details.add(release + " is an unknown release: it has not succeeded in any environment yet;"
                            + " releases enter the path at "
                            + config.environments().get(0).name());
                }
                return new PathDecision(
                        false,
                        "promote from " + candidate.name(),
                        Optional.of(candidate.name()),
                        Optional.empty(),
                        details);
            }
            skipped.add(candidate.name());
        }
        return new PathDecision(false, "no previous environment", Optional.empty(), Optional.empty(), details);
    }

    private static boolean unknown(ReleaseGuardConfig config, String release, StateStore state)
            throws ReleaseGuardException {
        for (EnvironmentSpec e : config.environments()) {
            for (Deployment d : state.deployments(e.name())) {
                if (d.release().equals(release) && d.outcome() == Outcome.SUCCEEDED) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The soak rule for this path at {@code now}: empty when the source has no soak; else open or not, and why. */
    public Optional<Soak> soak(ReleaseGuardConfig config, String target, Instant now) {
        if (source.isEmpty()) {
            return Optional.empty();
        }
        Optional<Duration> soak = config.environment(source.get()).flatMap(EnvironmentSpec::soak);
        if (soak.isEmpty()) {
            return Optional.empty();
        }
        String policy = "must run in " + source.get() + " for " + Durations.format(soak.get()) + " before " + target;
        if (succeededAt.isEmpty()) {
            return Optional.of(new Soak(false, true, source.get(), List.of(policy)));
        }
        Instant eligible = succeededAt.get().plus(soak.get());
        boolean done = !now.isBefore(eligible);
        return Optional.of(new Soak(
                done,
                false,
                source.get(),
                List.of(
                        policy,
                        "SOAK: deployed " + succeededAt.get()
                                + ", "
                                + Durations.format(
                                        Duration.between(succeededAt.get(), now).withNanos(0)) + " ago; eligible at "
                                + eligible)));
    }

    /** The soak verdict: {@code pending} when the release has not succeeded in the source yet. */
    public record Soak(boolean done, boolean pending, String source, List<String> details) {
        public Soak {
            details = List.copyOf(details);
        }
    }
}
