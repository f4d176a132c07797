package io.releaseguard.engine.snapshot;

import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.state.Deployment;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Decides which snapshot a restore uses when none is named: the one taken for the service's current deployment (the
 * one being rolled back, {@link Deployment#current}), found by the deployment id its manifest records, so it holds
 * the files live right before that deployment. Timestamps never decide between linked snapshots: a deployment starts
 * before its snapshot is taken, and two of them can share an instant.
 *
 * <p>Snapshots saved by hand, or by a release-guard that did not link them, carry no deployment id. For those, and
 * only when no snapshot is linked to the current deployment, the choice falls back to the newest unlinked snapshot
 * taken before deploying that deployment's release (its manifest's {@code release}), after the service's previous
 * deployment started and before its next one did; the reason says so. With no deployment of the service on record,
 * the newest snapshot is used. Anything else is refused ({@code NO_SNAPSHOT}), never answered with an older snapshot,
 * which would restore the wrong release.
 */
public final class SnapshotSelection {
    private SnapshotSelection() {}

    /** The chosen snapshot, the deployment it undoes (none when nothing is on record), and why it was chosen. */
    public record Choice(SnapshotManifest snapshot, Optional<Deployment> undoes, String reason) {}

    /**
     * @param snapshots the service's snapshots in the environment, oldest first, as {@link SnapshotStore#list} returns
     * @param deployments the environment's deployments, any order
     */
    public static Choice choose(
            List<SnapshotManifest> snapshots, List<Deployment> deployments, String environment, String service)
            throws ReleaseGuardException {
        String what = service + " in " + environment;
        List<Deployment> ofService = deployments.stream()
                .filter(d -> d.services().contains(service))
                .sorted(Comparator.comparing(Deployment::start).thenComparing(Deployment::id))
                .toList();
        if (ofService.isEmpty()) {
            if (snapshots.isEmpty()) {
                throw refused(what + ": no snapshot and no deployment on record");
            }
            return new Choice(
                    snapshots.get(snapshots.size() - 1),
                    Optional.empty(),
                    "no deployment of " + what + " on record: the newest snapshot");
        }
        Optional<Deployment> current = Deployment.current(ofService, Optional.of(service));
        if (current.isEmpty()) {
            throw refused(what + ": all " + ofService.size() + " deployment(s) on record were rolled back already,"
                    + " the oldest being " + ofService.get(0).release() + " ("
                    + ofService.get(0).id()
                    + "); name a snapshot by id to restore it");
        }
        Deployment d = current.get();
        String deployment = "deployment " + d.id() + " of " + d.release();
        Optional<SnapshotManifest> linked = snapshots.stream()
                .filter(s -> s.linkedDeployment().equals(Optional.of(d.id())))
                .reduce((a, b) -> b);
        if (linked.isPresent()) {
            return new Choice(linked.get(), current, "taken for " + deployment + ", the current one of " + what);
        }
        Optional<SnapshotManifest> legacy = legacy(snapshots, ofService, d);
        if (legacy.isPresent()) {
            return new Choice(
                    legacy.get(),
                    current,
                    "no snapshot is linked to " + deployment + " (the current one of " + what + "); chose the newest"
                            + " unlinked snapshot taken before deploying " + d.release() + " since the deployment"
                            + " before it started (saved by hand or by an older release-guard: matched by release"
                            + " and time)");
        }
        throw refused(what + ": no snapshot was taken for " + deployment + ", the current one (" + snapshots.size()
                + " snapshot(s) on record, none linked to it); restoring an older one would not bring back the"
                + " release before it — name a snapshot by id to restore it anyway");
    }

    private static Optional<SnapshotManifest> legacy(
            List<SnapshotManifest> snapshots, List<Deployment> ofService, Deployment d) {
        int at = ofService.indexOf(d);
        Optional<Instant> after =
                at == 0 ? Optional.empty() : Optional.of(ofService.get(at - 1).start());
        Optional<Instant> before = at == ofService.size() - 1
                ? Optional.empty()
                : Optional.of(ofService.get(at + 1).start());
        return snapshots.stream()
                .filter(s -> s.linkedDeployment().isEmpty())
                .filter(s -> s.release().equals(d.release()))
                .filter(s -> after.isEmpty() || s.takenAt().isAfter(after.get()))
                .filter(s -> before.isEmpty() || s.takenAt().isBefore(before.get()))
                .reduce((a, b) -> b);
    }

    private static ReleaseGuardException refused(String why) {
        return new ReleaseGuardException(ExitCode.ROLLBACK_FAILED, "NO_SNAPSHOT: " + why);
    }
}
