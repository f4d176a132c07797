package io.releaseguard.cli;

import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.JsonReports;
import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.config.ReleaseGuardConfig;
import io.releaseguard.engine.release.ReleaseName;
import io.releaseguard.engine.snapshot.FileChange;
import io.releaseguard.engine.snapshot.RestoreResult;
import io.releaseguard.engine.snapshot.SnapshotManifest;
import io.releaseguard.engine.snapshot.SnapshotService;
import io.releaseguard.engine.snapshot.SnapshotView;
import io.releaseguard.engine.state.Deployment;
import io.releaseguard.engine.state.StateStore;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code release-guard snapshot save|list|show|restore}: rollback snapshots of a service's files on its target. */
@Command(
        name = "snapshot",
        description = "Rollback snapshots of a service's declared files.",
        subcommands = {
            SnapshotCommand.Save.class,
            SnapshotCommand.ListSnapshots.class,
            SnapshotCommand.Show.class,
            SnapshotCommand.Restore.class
        })
final class SnapshotCommand {
    @ParentCommand
    ReleaseGuardCommand root;

    /** The options every snapshot subcommand shares, and the wiring. */
    abstract static class Base {
        @ParentCommand
        SnapshotCommand parent;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--env", required = true, paramLabel = "ENV", description = "environment")
        String env;

        @Option(names = "--service", required = true, paramLabel = "SERVICE", description = "service")
        String service;

        ReleaseGuardCommand root() {
            return parent.root;
        }

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        SnapshotService service(StateStore state) {
            return Engines.snapshots(root(), state);
        }
    }

    @Command(name = "save", description = "Save the service's declared files and image list now.")
    static final class Save extends Base implements Callable<Integer> {
        @Option(
                names = "--release",
                paramLabel = "RELEASE",
                description = "the release about to be deployed (default: the last one deployed, else 'manual')")
        String release;

        @Mixin
        ActorOption actor;

        @Override
        public Integer call() throws Exception {
            ReleaseGuardConfig config = root().loadConfig();
            StateStore state = root().state();
            String name = release != null
                    ? release
                    : state.history(Optional.of(env)).stream()
                            .findFirst()
                            .map(Deployment::release)
                            .orElse("manual");
            SnapshotManifest m = service(state).save(config, env, service, ReleaseName.parse(name), actor.actor());
            if (root().json()) {
                out().println(JsonReports.write(m));
            } else {
                out().println("saved snapshot " + m.id() + " of " + service + " in " + env + ": "
                        + m.files().size() + " file(s), " + m.images().size() + " image(s)");
            }
            return 0;
        }
    }

    @Command(name = "list", description = "List the service's snapshots, newest first.")
    static final class ListSnapshots extends Base implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            List<SnapshotManifest> all = new ArrayList<>(service(root().state()).list(env, service));
            Collections.reverse(all);
            if (root().json()) {
                out().println(JsonReports.write(all));
                return 0;
            }
            if (all.isEmpty()) {
                out().println("no snapshots of " + service + " in " + env);
            }
            for (SnapshotManifest m : all) {
                out().printf(
                                "%-28s %-22s %-24s %d file(s)%s%n",
                                m.id(),
                                m.takenAt(),
                                m.release(),
                                m.files().size(),
                                m.linkedDeployment()
                                        .map(d -> "  " + m.describe() + " (deployment " + d + ")")
                                        .orElse(""));
            }
            return 0;
        }
    }

    @Command(name = "show", description = "Show a snapshot (default: the newest); secret values are masked.")
    static final class Show extends Base implements Callable<Integer> {
        @Option(names = "--id", paramLabel = "ID", description = "snapshot id")
        String id;

        @Override
        public Integer call() throws Exception {
            SnapshotService snapshots = service(root().state());
            String chosen = id != null ? id : newest(snapshots.list(env, service), env, service);
            SnapshotView view = snapshots.show(env, service, chosen);
            if (root().json()) {
                out().println(JsonReports.write(view));
                return 0;
            }
            out().println("snapshot " + view.id() + " of " + view.service() + " in " + view.environment() + ", taken "
                    + view.takenAt() + " by " + view.actor() + " before deploying " + view.release());
            view.images().forEach(i -> out().println("image " + i));
            for (SnapshotView.ShownFile f : view.files()) {
                out().println("== " + f.path() + heading(f));
                if (!f.absent()) {
                    out().println(f.content());
                }
            }
            return 0;
        }

        private static String heading(SnapshotView.ShownFile f) {
            if (f.absent()) {
                return " (absent)";
            }
            return switch (f.secrecy()) {
                case PLAIN -> " sha256:" + f.sha256();
                case ENV -> " (secret, " + f.size() + " bytes, values and comments masked)";
                case OPAQUE -> " (secret, " + f.size() + " bytes, content not shown)";
            };
        }

        private static String newest(List<SnapshotManifest> all, String env, String service)
                throws ReleaseGuardException {
            if (all.isEmpty()) {
                throw new ReleaseGuardException(ExitCode.INVALID, "no snapshots of " + service + " in " + env);
            }
            return all.get(all.size() - 1).id();
        }
    }

    @Command(
            name = "restore",
            description = "Restore a snapshot (default: the one taken right before the service's current deployment,"
                    + " so it holds the release before it). Exit 5 when the restore failed or there is no such"
                    + " snapshot.")
    static final class Restore extends Base implements Callable<Integer> {
        @Option(names = "--id", paramLabel = "ID", description = "snapshot id")
        String id;

        @Option(names = "--dry-run", description = "print what would change; change nothing")
        boolean dryRun;

        @Mixin
        ActorOption actor;

        @Override
        public Integer call() throws Exception {
            ReleaseGuardConfig config = root().loadConfig();
            RestoreResult r = service(root().state())
                    .restore(config, env, service, Optional.ofNullable(id), dryRun, actor.actor());
            if (root().json()) {
                out().println(JsonReports.write(r));
            } else {
                print(out(), r);
            }
            return r.status() == RestoreResult.Status.RESTORE_FAILED ? ExitCode.ROLLBACK_FAILED.code() : 0;
        }
    }

    /** Human form of a restore, shared with {@code rollback}. */
    static void print(PrintWriter out, RestoreResult r) {
        out.println((r.dryRun() ? "would restore " : "restore ") + r.snapshotId() + " (" + r.snapshot() + ") to "
                + r.target() + ": " + r.status());
        out.println("  chosen: " + r.chosen());
        for (FileChange c : r.changes()) {
            out.printf("  %-9s %s%n", c.action(), c.path());
        }
        if (r.restoreCommand() != null) {
            out.println("  then run: " + r.restoreCommand()
                    + (r.dryRun() ? "" : " (" + r.commandAttempts() + " attempt(s), exit " + r.commandExit() + ")"));
        }
        if (!r.dryRun()) {
            out.println("  files verified by hash: " + (r.verified() ? "yes" : "NO"));
        }
    }
}
