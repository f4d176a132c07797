package io.releaseguard.engine.regression;

import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.state.Deployment;
import io.releaseguard.engine.state.Outcome;
import io.releaseguard.engine.state.StateStore;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The deploy a {@link RegressionWatch} judges: where and when it went live, the release and services it shipped (no
 * services: every service of the environment), and the release that was live before it, which the baseline
 * measures.
 */
public record WatchedDeploy(
        String environment,
        Optional<String> release,
        Optional<String> baselineRelease,
        List<String> services,
        Instant deployedAt) {
    public WatchedDeploy {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(release, "release");
        Objects.requireNonNull(baselineRelease, "baselineRelease");
        services = List.copyOf(services);
        Objects.requireNonNull(deployedAt, "deployedAt");
    }

    /** A deploy whose baseline release is looked up in the deployment history ({@link #releaseBefore}). */
    public static WatchedDeploy fromHistory(
            StateStore state, String environment, Optional<String> release, List<String> services, Instant deployedAt)
            throws ReleaseGuardException {
        return new WatchedDeploy(
                environment,
                release,
                releaseBefore(state.deployments(environment), deployedAt, release),
                services,
                deployedAt);
    }

    /**
     * The release live before {@code deployedAt}: that of the newest successful deployment finished by then that
     * shipped another release than {@code release}.
     */
    public static Optional<String> releaseBefore(
            List<Deployment> deployments, Instant deployedAt, Optional<String> release) {
        return deployments.stream()
                .filter(d -> d.outcome() == Outcome.SUCCEEDED && !d.end().isAfter(deployedAt))
                .filter(d -> release.map(r -> !r.equals(d.release())).orElse(true))
                .max(Comparator.comparing(Deployment::end))
                .map(Deployment::release);
    }
}
