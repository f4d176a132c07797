package io.releaseguard.engine.train;

import io.releaseguard.engine.calendar.Verdict;
import io.releaseguard.engine.config.Durations;
import io.releaseguard.engine.state.Deployment;
import io.releaseguard.engine.state.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether a tag has soaked long enough in an environment to be promoted. The rule: a stint starts when a
 * successful deployment of the tag finishes and ends when the next successful deployment of another release starts
 * (or now); the tag is eligible ({@link Verdict#OPEN}) once some stint lasted {@code soak}. Otherwise it is
 * {@link Verdict#BLOCKED} with reason {@link TrainReason#SOAK} and, while the tag is still live, the instant it
 * becomes eligible; never deployed is {@link TrainReason#NOT_DEPLOYED}.
 */
public record SoakDecision(
        String tag,
        String environment,
        Verdict verdict,
        Optional<TrainReason> reason,
        String message,
        Optional<Instant> eligibleAt) {

    /** True when the tag may be promoted ({@link Verdict#OPEN}). */
    public boolean eligible() {
        return verdict == Verdict.OPEN;
    }

    /** Decides for {@code tag} over the environment's deployments (any order) at {@code now}. */
    public static SoakDecision decide(
            String tag, String environment, Duration soak, List<Deployment> deployments, Instant now) {
        List<Deployment> succeeded = deployments.stream()
                .filter(d -> d.outcome() == Outcome.SUCCEEDED)
                .sorted(Comparator.comparing(Deployment::start).thenComparing(Deployment::id))
                .toList();
        Duration longest = null;
        Optional<Instant> liveSince = Optional.empty();
        for (int i = 0; i < succeeded.size(); i++) {
            Deployment d = succeeded.get(i);
            if (!d.release().equals(tag)) {
                continue;
            }
            Optional<Instant> replacedAt = succeeded.subList(i + 1, succeeded.size()).stream()
                    .filter(next -> !next.release().equals(tag))
                    .map(Deployment::start)
                    .findFirst();
            Instant stintEnd = replacedAt.orElse(now);
            Duration stint = stintEnd.isAfter(d.end()) ? Duration.between(d.end(), stintEnd) : Duration.ZERO;
            if (longest == null || stint.compareTo(longest) > 0) {
                longest = stint;
            }
            if (replacedAt.isEmpty() && liveSince.isEmpty()) {
                liveSince = Optional.of(d.end());
            }
        }
        if (longest == null) {
            return new SoakDecision(
                    tag,
                    environment,
                    soak.isZero() ? Verdict.OPEN : Verdict.BLOCKED,
                    soak.isZero() ? Optional.empty() : Optional.of(TrainReason.NOT_DEPLOYED),
                    soak.isZero()
                            ? "no soak required"
                            : "NOT_DEPLOYED: " + tag + " was never deployed successfully to " + environment
                                    + "; policy requires " + Durations.format(soak) + " there before promotion",
                    Optional.empty());
        }
        if (longest.compareTo(soak) >= 0) {
            return new SoakDecision(
                    tag,
                    environment,
                    Verdict.OPEN,
                    Optional.empty(),
                    tag + " soaked " + Durations.format(longest) + " in " + environment + " (policy requires "
                            + Durations.format(soak) + ")",
                    Optional.empty());
        }
        Optional<Instant> at = liveSince.map(s -> s.plus(soak));
        return new SoakDecision(
                tag,
                environment,
                Verdict.BLOCKED,
                Optional.of(TrainReason.SOAK),
                "SOAK: " + tag + " has been live in " + environment + " for " + Durations.format(longest)
                        + "; policy requires " + Durations.format(soak)
                        + at.map(t -> " (eligible at " + t + ")")
                                .orElse(" (it was replaced; deploy it again to restart the soak)"),
                at);
    }
}
