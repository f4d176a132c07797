package io.releaseguard.engine.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.state.Deployment;
import io.releaseguard.engine.state.Outcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The default snapshot of a restore, over plain values: linked by deployment id, walking back after rollbacks. */
class SnapshotSelectionTest {
    private static final Instant T0 = Instant.parse("2026-11-24T15:00:00Z");

    private static Deployment deployment(String release, int minute, Outcome outcome) {
        Instant start = T0.plusSeconds(60L * minute);
        return new Deployment(
                "d-" + release,
                "prod",
                release,
                List.of("api"),
                start,
                outcome == Outcome.RUNNING ? null : start.plusSeconds(10),
                outcome,
                "p-" + release);
    }

    /** The snapshot a promotion takes for {@code d}: after its start (as in the issue, 24 ms later), linked. */
    private static SnapshotManifest snapshotFor(Deployment d, String holds) {
        return manifest("s-" + d.release(), d.release(), d.start().plusMillis(24), d.id(), holds);
    }

    private static SnapshotManifest manifest(
            String id, String release, Instant takenAt, String deployment, String holds) {
        return new SnapshotManifest(
                id, "api", "prod", release, takenAt, "zoe", List.of(), List.of(), deployment, holds);
    }

    private static SnapshotSelection.Choice choose(List<SnapshotManifest> snapshots, List<Deployment> deployments)
            throws ReleaseGuardException {
        return SnapshotSelection.choose(snapshots, deployments, "prod", "api");
    }

    @Test
    void afterThreePromotionsTheSnapshotTakenForTheThirdIsChosen() throws Exception {
        Deployment d1 = deployment("r1", 1, Outcome.SUCCEEDED);
        Deployment d2 = deployment("r2", 2, Outcome.SUCCEEDED);
        Deployment d3 = deployment("r3", 3, Outcome.SUCCEEDED);
        List<SnapshotManifest> snapshots = List.of(snapshotFor(d1, null), snapshotFor(d2, "r1"), snapshotFor(d3, "r2"));

        SnapshotSelection.Choice c = choose(snapshots, List.of(d1, d2, d3));

        assertThat(c.snapshot().id()).isEqualTo("s-r3");
        assertThat(c.snapshot().describe()).isEqualTo("snapshot taken before r3 — holds r2's files");
        assertThat(c.undoes()).contains(d3);
        assertThat(c.reason()).isEqualTo("taken for deployment d-r3 of r3, the current one of api in prod");
    }

    @Test
    void aSnapshotTakenAtTheDeploymentsOwnStartInstantIsStillFoundByItsLink() throws Exception {
        Deployment d1 = deployment("r1", 1, Outcome.SUCCEEDED);
        Deployment d2 = deployment("r2", 2, Outcome.RUNNING);
        SnapshotManifest same = manifest("s-r2", "r2", d2.start(), d2.id(), "r1");
        SnapshotManifest earlier = manifest("s-r1", "r1", d2.start(), d1.id(), null);

        assertThat(choose(List.of(earlier, same), List.of(d1, d2)).snapshot().id())
                .isEqualTo("s-r2");
    }

    @Test
    void eachRollbackMakesTheDeploymentBeforeItCurrentSoRollbacksWalkBack() throws Exception {
        List<Deployment> deployments = new ArrayList<>();
        List<SnapshotManifest> snapshots = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            Deployment d = deployment("r" + i, i, Outcome.SUCCEEDED);
            deployments.add(d);
            snapshots.add(snapshotFor(d, i == 1 ? null : "r" + (i - 1)));
        }
        List<String> restored = new ArrayList<>();
        for (int step = 0; step < 4; step++) {
            SnapshotSelection.Choice c = choose(snapshots, deployments);
            restored.add(c.snapshot().holds() == null ? "(none)" : c.snapshot().holds());
            Deployment undone = c.undoes().orElseThrow();
            deployments.set(deployments.indexOf(undone), undone.finish(undone.end(), Outcome.ROLLED_BACK));
        }

        assertThat(restored).containsExactly("r3", "r2", "r1", "(none)");
        assertThatThrownBy(() -> choose(snapshots, deployments))
                .isInstanceOfSatisfying(ReleaseGuardException.class, e -> assertThat(e.exitCode())
                        .isEqualTo(ExitCode.ROLLBACK_FAILED))
                .hasMessage("NO_SNAPSHOT: api in prod: all 4 deployment(s) on record were rolled back already, the"
                        + " oldest being r1 (d-r1); name a snapshot by id to restore it");
    }

    @Test
    void anAutomaticRollbackUndoesTheRunningDeploymentAndAFailedRollbackIsRetriedWithTheSameSnapshot()
            throws Exception {
        Deployment d1 = deployment("r1", 1, Outcome.SUCCEEDED);
        Deployment d2 = deployment("r2", 2, Outcome.SUCCEEDED);
        Deployment d3 = deployment("r3", 3, Outcome.RUNNING);
        List<SnapshotManifest> snapshots = List.of(snapshotFor(d1, null), snapshotFor(d2, "r1"), snapshotFor(d3, "r2"));

        assertThat(choose(snapshots, List.of(d1, d2, d3)).snapshot().id()).isEqualTo("s-r3");
        assertThat(choose(snapshots, List.of(d1, d2, d3.finish(d3.start(), Outcome.ROLLBACK_FAILED)))
                        .snapshot()
                        .id())
                .isEqualTo("s-r3");
        assertThat(choose(snapshots, List.of(d1, d2, d3.finish(d3.start(), Outcome.ROLLED_BACK)))
                        .snapshot()
                        .id())
                .isEqualTo("s-r2");
    }

    @Test
    void unlinkedSnapshotsOfAnOlderReleaseGuardAreMatchedByReleaseWithinTheDeploymentAndTheChoiceSaysSo()
            throws Exception {
        Deployment d2 = deployment("r2", 2, Outcome.SUCCEEDED);
        Deployment d3 = deployment("r3", 3, Outcome.ROLLED_BACK);
        Deployment d4 = deployment("r2", 4, Outcome.SUCCEEDED);
        List<Deployment> deployments = List.of(
                d2,
                d3,
                new Deployment(
                        "d-r2-again", "prod", "r2", List.of("api"), d4.start(), d4.end(), Outcome.SUCCEEDED, "p"));
        SnapshotManifest firstR2 = manifest("s-first-r2", "r2", d2.start().plusMillis(24), null, null);
        SnapshotManifest r3 = manifest("s-r3", "r3", d3.start().plusMillis(24), null, null);
        SnapshotManifest againR2 = manifest("s-again-r2", "r2", d4.start().plusMillis(24), null, null);

        SnapshotSelection.Choice c = choose(List.of(firstR2, r3, againR2), deployments);
        assertThat(c.snapshot().id()).isEqualTo("s-again-r2");
        assertThat(c.reason())
                .isEqualTo("no snapshot is linked to deployment d-r2-again of r2 (the current one of api in prod);"
                        + " chose the newest unlinked snapshot taken before deploying r2 since the deployment before"
                        + " it started (saved by hand or by an older release-guard: matched by release and time)");
        assertThat(c.snapshot().describe())
                .isEqualTo("snapshot taken before r2 — the release whose files it holds was not recorded");

        SnapshotSelection.Choice afterRollback = choose(
                List.of(firstR2, r3, againR2),
                List.of(d2, d3, deployments.get(2).finish(d4.end(), Outcome.ROLLED_BACK)));
        assertThat(afterRollback.snapshot().id())
                .as("the first r2 deployment's snapshot, not the second one's, which was taken after d3 started")
                .isEqualTo("s-first-r2");
    }

    @Test
    void withNoSnapshotForTheCurrentDeploymentAnOlderOneIsRefusedNotRestored() {
        Deployment d1 = deployment("r1", 1, Outcome.SUCCEEDED);
        Deployment d2 = deployment("r2", 2, Outcome.SUCCEEDED);

        assertThatThrownBy(() -> choose(List.of(snapshotFor(d1, null)), List.of(d1, d2)))
                .isInstanceOfSatisfying(ReleaseGuardException.class, e -> assertThat(e.exitCode())
                        .isEqualTo(ExitCode.ROLLBACK_FAILED))
                .hasMessage("NO_SNAPSHOT: api in prod: no snapshot was taken for deployment d-r2 of r2, the current"
                        + " one (1 snapshot(s) on record, none linked to it); restoring an older one would not bring"
                        + " back the release before it — name a snapshot by id to restore it anyway");
    }

    @Test
    void withNoDeploymentOnRecordTheNewestSnapshotIsUsed() throws Exception {
        SnapshotManifest older = manifest("s-1", "manual", T0, null, null);
        SnapshotManifest newer = manifest("s-2", "manual", T0.plusSeconds(1), null, null);

        SnapshotSelection.Choice c = choose(List.of(older, newer), List.of());

        assertThat(c.snapshot()).isEqualTo(newer);
        assertThat(c.undoes()).isEmpty();
        assertThat(c.reason()).isEqualTo("no deployment of api in prod on record: the newest snapshot");
    }

    @Test
    void historyMarksEachServicesCurrentDeploymentAsLive() {
        Deployment d1 = deployment("r1", 1, Outcome.SUCCEEDED);
        Deployment d2 = deployment("r2", 2, Outcome.SUCCEEDED);
        Deployment d3 = deployment("r3", 3, Outcome.ROLLED_BACK);
        Deployment web = new Deployment(
                "d-web", "prod", "w1", List.of("web"), T0, T0.plusSeconds(1), Outcome.SUCCEEDED, "p-web");
        Deployment elsewhere = new Deployment(
                "d-test", "testnet", "r3", List.of("api"), T0, T0.plusSeconds(1), Outcome.SUCCEEDED, "p-test");

        assertThat(Deployment.live(List.of(d3, d2, d1, web, elsewhere))).containsExactly(d2, web, elsewhere);
        assertThat(Deployment.current(List.of(d1, d2, d3), Optional.of("api"))).contains(d2);
        assertThat(Deployment.current(List.of(d1, d2, d3), Optional.of("web"))).isEmpty();
    }
}
