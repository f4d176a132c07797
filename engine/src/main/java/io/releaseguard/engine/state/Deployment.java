package io.releaseguard.engine.state;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One deployment of a release to an environment, as remembered by the {@link StateStore}. The rule: {@code end} is
 * null exactly while the outcome is {@link Outcome#RUNNING}, and never before {@code start}; the id is unique, so
 * recording the same id again updates it (running, then finished). A service's current deployment in an environment
 * is its newest one not {@link Outcome#ROLLED_BACK}: rolling that one back makes the one before it current again, so
 * rollbacks in a row walk back one release at a time.
 */
public record Deployment(
        String id,
        String environment,
        String release,
        List<String> services,
        Instant start,
        Instant end,
        Outcome outcome,
        String promotionId) {

    public Deployment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(release, "release");
        services = List.copyOf(services);
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(promotionId, "promotionId");
        if ((end == null) != (outcome == Outcome.RUNNING)) {
            throw new IllegalArgumentException("deployment " + id
                    + ": end must be set exactly when the outcome is final (outcome " + outcome + ", end " + end + ")");
        }
        if (end != null && end.isBefore(start)) {
            throw new IllegalArgumentException("deployment " + id + ": end " + end + " is before start " + start);
        }
    }

    private static final Comparator<Deployment> BY_START =
            Comparator.comparing(Deployment::start).thenComparing(Deployment::id);

    /**
     * The deployment a rollback of {@code service} (any service when empty) undoes: the newest of {@code deployments}
     * (one environment's) that includes it and was not rolled back. A failed or interrupted one counts, since the
     * target may hold its files.
     */
    public static Optional<Deployment> current(List<Deployment> deployments, Optional<String> service) {
        return deployments.stream()
                .filter(d -> service.isEmpty() || d.services().contains(service.get()))
                .filter(d -> d.outcome() != Outcome.ROLLED_BACK)
                .max(BY_START);
    }

    /** The {@link #current} deployment of each environment and service named in {@code deployments}, newest first. */
    public static List<Deployment> live(List<Deployment> deployments) {
        Map<String, Deployment> byService = new LinkedHashMap<>();
        for (Deployment d : deployments) {
            for (String service : d.services()) {
                byService.computeIfAbsent(d.environment() + "\n" + service, k -> current(
                                deployments.stream()
                                        .filter(o -> o.environment().equals(d.environment()))
                                        .toList(),
                                Optional.of(service))
                        .orElse(null));
            }
        }
        List<Deployment> live = new ArrayList<>(
                byService.values().stream().filter(Objects::nonNull).distinct().toList());
        live.sort(BY_START.reversed());
        return live;
    }

    /** This deployment, finished at {@code end} with {@code outcome}. */
    public Deployment finish(Instant end, Outcome outcome) {
        return new Deployment(id, environment, release, services, start, end, outcome, promotionId);
    }
}
