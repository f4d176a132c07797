package io.releaseguard.engine.regression;

import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.state.Deployment;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Where follow-up checkpoints are remembered between runs. Scheduling is idempotent (one follow-up per environment,
 * release and offset); a follow-up is due once its instant has passed and it has no result; every write is durable
 * when the method returns.
 */
public interface FollowupStore {
    /** Schedules a follow-up per offset after {@code deployedAt}; returns them (existing ones unchanged). */
    List<Followup> schedule(
            String environment, String release, List<String> services, Instant deployedAt, List<Duration> offsets)
            throws ReleaseGuardException;

    /** Schedules follow-ups for a deployment, counted from when it finished (or started, while running). */
    default List<Followup> schedule(Deployment deployment, List<Duration> offsets) throws ReleaseGuardException {
        Instant at = deployment.end() != null ? deployment.end() : deployment.start();
        return schedule(deployment.environment(), deployment.release(), deployment.services(), at, offsets);
    }

    /** Follow-ups without a result whose instant is not after {@code now}, earliest first. */
    List<Followup> due(Instant now) throws ReleaseGuardException;

    /** Every follow-up, earliest first. */
    List<Followup> all() throws ReleaseGuardException;

    /** Records the result of the follow-up with this id. */
    Followup record(String id, FollowupResult result) throws ReleaseGuardException;
}
