package io.releaseguard.cli;

import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.manifest.ReleaseManifests;
import io.releaseguard.engine.pir.PostIncidentReviews;
import io.releaseguard.engine.rollback.GitRevertRollback;
import io.releaseguard.engine.rollback.PullRequestClient;
import io.releaseguard.engine.rollback.Rollbacks;
import io.releaseguard.engine.snapshot.FileSnapshotStore;
import io.releaseguard.engine.snapshot.SnapshotService;
import io.releaseguard.engine.state.StateStore;
import io.releaseguard.engine.target.Targets;

/** Wires the engine services the rollback-related commands use, from the global options. */
final class Engines {
    private Engines() {}

    static SnapshotService snapshots(ReleaseGuardCommand root, StateStore state) {
        return new SnapshotService(new FileSnapshotStore(root.stateDir()), Targets.fromConfig(), state, root.clock());
    }

    static PostIncidentReviews reviews(ReleaseGuardCommand root) {
        return new PostIncidentReviews(root.stateDir(), root.clock());
    }

    static Rollbacks rollbacks(ReleaseGuardCommand root) throws ReleaseGuardException {
        StateStore state = root.state();
        return new Rollbacks(
                snapshots(root, state),
                new GitRevertRollback(root.clock()),
                new PullRequestClient(),
                state,
                new ReleaseManifests(root.stateDir()),
                reviews(root),
                System::getenv,
                root.clock());
    }
}
