package io.releaseguard.engine.snapshot;

import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.audit.AuditEntry;
import io.releaseguard.engine.config.ReleaseGuardConfig;
import io.releaseguard.engine.config.ServiceSpec;
import io.releaseguard.engine.config.SnapshotSpec;
import io.releaseguard.engine.release.ReleaseName;
import io.releaseguard.engine.state.Deployment;
import io.releaseguard.engine.state.StateStore;
import io.releaseguard.engine.target.ExecResult;
import io.releaseguard.engine.target.FileTooLargeException;
import io.releaseguard.engine.target.Target;
import io.releaseguard.engine.target.TargetFile;
import io.releaseguard.engine.target.TargetPaths;
import io.releaseguard.engine.target.Targets;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Saves a service's declared files and image list before a deploy, and puts them back. A restore refuses any path
 * that is not among the service's declared {@code snapshot.files}, checks every blob's hash before touching the
 * target, writes each file atomically, reads each back to verify its hash, and only then runs the operator's
 * {@code restore} command (at most {@value #RESTORE_ATTEMPTS} attempts). Every save and restore is audited.
 */
public final class SnapshotService {
    /** The bound on restore-command attempts (R7: retries are bounded). */
    public static final int RESTORE_ATTEMPTS = 3;

    private static final DateTimeFormatter ID_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final SnapshotStore store;
    private final Targets targets;
    private final StateStore state;
    private final Clock clock;

    public SnapshotService(SnapshotStore store, Targets targets, StateStore state, Clock clock) {
        this.store = store;
        this.targets = targets;
        this.state = state;
        this.clock = clock;
    }

    /** Takes a snapshot of {@code service} in {@code environment} now, linked to no deployment. */
    public SnapshotManifest save(
            ReleaseGuardConfig config, String environment, String service, ReleaseName release, String actor)
            throws ReleaseGuardException {
        return save(config, environment, service, release, Optional.empty(), actor);
    }

    /**
     * Takes a snapshot of {@code service} in {@code environment} before {@code release} is deployed there by {@code
     * deployment}, recording that deployment's id (what a default restore looks it up by) and the release live now.
     */
    public SnapshotManifest save(
            ReleaseGuardConfig config,
            String environment,
            String service,
            ReleaseName release,
            Optional<String> deployment,
            String actor)
            throws ReleaseGuardException {
        ServiceSpec spec = service(config, service);
        SnapshotSpec snap = snapshotSpec(spec);
        Instant now = clock.instant();
        Optional<String> holds = Deployment.current(
                        state.deployments(environment).stream()
                                .filter(d -> deployment.isEmpty() || !d.id().equals(deployment.get()))
                                .toList(),
                        Optional.of(service))
                .map(Deployment::release);
        List<SnapshotFile> files = new ArrayList<>();
        List<StagedBlob> blobs = new ArrayList<>();
        try {
            List<String> images;
            try (Target target = targets.open(config, environment, spec)) {
                for (String path : snap.files()) {
                    TargetPaths.requireInside(path);
                    files.add(saveFile(target, path, snap, blobs));
                }
                images = images(snap, target);
            }
            String fingerprint = Sha256.hex((environment + "\n" + service + "\n" + release + "\n" + files + images)
                            .getBytes(StandardCharsets.UTF_8))
                    .substring(0, 8);
            SnapshotManifest manifest = new SnapshotManifest(
                    ID_TIME.format(now) + "-" + fingerprint,
                    service,
                    environment,
                    release.value(),
                    now,
                    actor,
                    files,
                    images,
                    deployment.orElse(null),
                    holds.orElse(null));
            store.save(manifest, blobs);
            List<String> pruned = store.prune(environment, service, spec.keepSnapshots());
            state.audit()
                    .append(new AuditEntry(
                            actor,
                            "snapshot.save",
                            environment,
                            service + "@" + manifest.id(),
                            "SAVED",
                            files.size() + " file(s), " + images.size() + " image(s) before deploying " + release,
                            Map.of("snapshot", manifest.id(), "pruned", String.join(",", pruned))));
            return manifest;
        } finally {
            // After a save the staged files have moved into the store; after a failure they are dropped here.
            store.discard(blobs);
        }
    }

    /** Streams one declared file into the store's staging and describes it; nothing of it stays in memory. */
    private SnapshotFile saveFile(Target target, String path, SnapshotSpec snap, List<StagedBlob> blobs)
            throws ReleaseGuardException {
        boolean secret = SecretFiles.isSecret(path);
        try (BlobSink sink = store.stage()) {
            Optional<TargetFile> file = target.read(path, snap.maxFileBytes(), sink);
            if (file.isEmpty()) {
                return SnapshotFile.missing(path, secret);
            }
            StagedBlob blob = sink.finish();
            blobs.add(blob);
            return SnapshotFile.present(
                    path, blob.sha256(), blob.size(), secret, file.get().mode());
        } catch (IOException e) {
            throw new ReleaseGuardException(
                    ExitCode.UNEXPECTED, target.describe() + ": cannot store " + path + ": " + e.getMessage(), e);
        }
    }

    /** Snapshots of the service, oldest first. */
    public List<SnapshotManifest> list(String environment, String service) throws ReleaseGuardException {
        return store.list(environment, service);
    }

    /** A snapshot with its file contents, secrets masked and their hashes left out. */
    public SnapshotView show(String environment, String service, String id) throws ReleaseGuardException {
        SnapshotManifest m = find(environment, service, id);
        List<SnapshotView.ShownFile> files = new ArrayList<>();
        for (SnapshotFile f : m.files()) {
            SecretFiles.Kind secrecy = SecretFiles.kind(f.path());
            String hash = f.absent() || secrecy != SecretFiles.Kind.PLAIN ? null : f.sha256();
            String content = f.absent() ? null : SecretFiles.shown(f.path(), store.blob(f.sha256()));
            files.add(new SnapshotView.ShownFile(f.path(), f.absent(), secrecy, f.size(), hash, content));
        }
        return new SnapshotView(
                m.id(), m.service(), m.environment(), m.release(), m.takenAt(), m.actor(), m.images(), files);
    }

    /**
     * Restores a snapshot: {@code id}, or the one taken for the service's current deployment ({@link
     * SnapshotSelection}). With {@code dryRun}, reports what would change and touches nothing. The deployment history
     * is left as it is: marking the deployment rolled back is the caller's decision ({@code Rollbacks}, a promotion).
     */
    public RestoreResult restore(
            ReleaseGuardConfig config,
            String environment,
            String service,
            Optional<String> id,
            boolean dryRun,
            String actor)
            throws ReleaseGuardException {
        ServiceSpec spec = service(config, service);
        SnapshotSpec snap = snapshotSpec(spec);
        SnapshotSelection.Choice choice = id.isPresent()
                ? new SnapshotSelection.Choice(find(environment, service, id.get()), Optional.empty(), "named by id")
                : SnapshotSelection.choose(
                        store.list(environment, service), state.deployments(environment), environment, service);
        SnapshotManifest m = choice.snapshot();
        for (SnapshotFile f : m.files()) {
            TargetPaths.requireInside(f.path());
            if (!snap.files().contains(f.path())) {
                throw new ReleaseGuardException(
                        ExitCode.ROLLBACK_FAILED,
                        "UNDECLARED_PATH: snapshot " + m.id() + " names \"" + f.path()
                                + "\", which is not among services[" + service + "].snapshot.files " + snap.files()
                                + "; refusing to restore it");
            }
            if (!f.absent()) {
                // Every blob is checked before the target is touched; each is checked again as it is streamed.
                store.verify(f.sha256());
            }
        }
        try (Target target = targets.open(config, environment, spec)) {
            List<FileChange> changes = new ArrayList<>();
            for (SnapshotFile f : m.files()) {
                changes.add(change(target, f, snap));
            }
            String command = snap.restore().orElse(null);
            if (dryRun) {
                return new RestoreResult(
                        m.id(),
                        m.release(),
                        target.describe(),
                        true,
                        changes,
                        false,
                        command,
                        0,
                        null,
                        RestoreResult.Status.DRY_RUN,
                        m.describe(),
                        choice.reason());
            }
            RestoreResult result;
            try {
                result = apply(m, choice.reason(), changes, target, command);
            } catch (ReleaseGuardException e) {
                state.audit()
                        .append(new AuditEntry(
                                actor,
                                "snapshot.restore",
                                environment,
                                service + "@" + m.id(),
                                RestoreResult.Status.RESTORE_FAILED.name(),
                                e.getMessage()));
                throw new ReleaseGuardException(
                        ExitCode.ROLLBACK_FAILED, "restore of " + m.id() + " failed: " + e.getMessage(), e);
            }
            audit(actor, environment, service, result);
            return result;
        }
    }

    private RestoreResult apply(
            SnapshotManifest m, String chosen, List<FileChange> changes, Target target, String command)
            throws ReleaseGuardException {
        Map<String, SnapshotFile> byPath = new LinkedHashMap<>();
        m.files().forEach(f -> byPath.put(f.path(), f));
        for (FileChange c : changes) {
            switch (c.action()) {
                case CREATE, REPLACE -> write(target, byPath.get(c.path()));
                case DELETE -> target.delete(c.path());
                case UNCHANGED -> {}
            }
        }
        boolean verified = true;
        for (SnapshotFile f : m.files()) {
            Optional<Hashed> now;
            try {
                now = hashed(target, f.path(), Math.max(f.size(), 1));
            } catch (FileTooLargeException e) {
                verified = false;
                continue;
            }
            verified &= f.absent()
                    ? now.isEmpty()
                    : now.isPresent()
                            && f.sha256().equals(now.get().sha256())
                            && now.get().mode() == f.restoreMode();
        }
        int attempts = 0;
        Integer exit = null;
        if (verified && command != null) {
            ExecResult r;
            do {
                attempts++;
                r = target.exec(command);
            } while (!r.ok() && attempts < RESTORE_ATTEMPTS);
            exit = r.exitCode();
        }
        boolean ok = verified && (exit == null || exit == 0);
        return new RestoreResult(
                m.id(),
                m.release(),
                target.describe(),
                false,
                changes,
                verified,
                command,
                attempts,
                exit,
                ok ? RestoreResult.Status.RESTORED : RestoreResult.Status.RESTORE_FAILED,
                m.describe(),
                chosen);
    }

    private void audit(String actor, String environment, String service, RestoreResult r) throws ReleaseGuardException {
        long changed = r.changes().stream()
                .filter(c -> c.action() != FileChange.Action.UNCHANGED)
                .count();
        String reason = !r.verified()
                ? "files did not read back with the snapshot's hashes"
                : r.commandExit() != null && r.commandExit() != 0
                        ? "restore command failed " + r.commandAttempts() + " time(s), last exit " + r.commandExit()
                        : changed + " file(s) restored and verified by hash"
                                + (r.restoreCommand() == null ? "" : "; restore command succeeded");
        state.audit()
                .append(new AuditEntry(
                        actor,
                        "snapshot.restore",
                        environment,
                        service + "@" + r.snapshotId(),
                        r.status().name(),
                        reason,
                        Map.of("target", r.target(), "release", r.release(), "chosen", r.chosen())));
    }

    /**
     * What a restore does to {@code f}, from the target's current file: one that differs in bytes or permission bits
     * is replaced; one larger than the cap cannot equal the snapshot's and is replaced without being read.
     */
    private static FileChange change(Target target, SnapshotFile f, SnapshotSpec snap) throws ReleaseGuardException {
        Optional<Hashed> now;
        try {
            now = hashed(target, f.path(), snap.maxFileBytes());
        } catch (FileTooLargeException e) {
            return FileChange.of(f, "larger than " + snap.maxFileBytes() + " bytes", true);
        }
        return FileChange.of(
                f,
                now.map(Hashed::sha256).orElse(null),
                now.isPresent() && now.get().mode() != f.restoreMode());
    }

    /** A target file's hash and permission bits, its content streamed through the hash and kept nowhere. */
    private record Hashed(String sha256, int mode) {}

    private static Optional<Hashed> hashed(Target target, String path, long maxBytes) throws ReleaseGuardException {
        Sha256.Sink hash = new Sha256.Sink();
        return target.read(path, maxBytes, hash).map(t -> new Hashed(hash.hex(), t.mode()));
    }

    /** Streams the snapshot's content for {@code f} to the target, its hash checked on the way. */
    private void write(Target target, SnapshotFile f) throws ReleaseGuardException {
        try (InputStream content = store.open(f.sha256())) {
            target.writeAtomically(f.path(), content, f.size(), f.restoreMode());
        } catch (IOException e) {
            throw new ReleaseGuardException(
                    ExitCode.ROLLBACK_FAILED, "cannot read the snapshot's " + f.path() + ": " + e.getMessage(), e);
        }
    }

    private SnapshotManifest find(String environment, String service, String id) throws ReleaseGuardException {
        return store.get(environment, service, id)
                .orElseThrow(() -> new ReleaseGuardException(
                        ExitCode.INVALID, "no snapshot " + id + " of " + service + " in " + environment));
    }

    private static List<String> images(SnapshotSpec snap, Target target) throws ReleaseGuardException {
        if (snap.imagesCommand().isEmpty()) {
            return snap.images();
        }
        ExecResult r = target.exec(snap.imagesCommand().get());
        if (!r.ok()) {
            throw new ReleaseGuardException(
                    ExitCode.UNEXPECTED,
                    target.describe() + ": images command failed (exit " + r.exitCode() + "): " + r.lastErrorLine());
        }
        return r.stdoutText()
                .lines()
                .map(String::strip)
                .filter(l -> !l.isEmpty())
                .toList();
    }

    private static ServiceSpec service(ReleaseGuardConfig config, String name) throws ReleaseGuardException {
        return config.service(name)
                .orElseThrow(() -> new ReleaseGuardException(
                        ExitCode.INVALID,
                        "unknown service " + name + " (known: "
                                + config.services().stream()
                                        .map(ServiceSpec::name)
                                        .toList() + ")"));
    }

    private static SnapshotSpec snapshotSpec(ServiceSpec spec) throws ReleaseGuardException {
        return spec.snapshot()
                .orElseThrow(() -> new ReleaseGuardException(
                        ExitCode.INVALID, "service " + spec.name() + " declares no snapshot (services[].snapshot)"));
    }
}
