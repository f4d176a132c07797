package io.releaseguard.engine.manifest;

import io.releaseguard.engine.audit.AuditAnchor;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything a promotion did, as one JSON document ({@code release-manifest.json}) with stable field names published
 * as a JSON Schema ({@code release-manifest.schema.json}): the release and its artifacts, the source commit, each
 * service in rollout order with its verdict, approvals, gate decisions, overrides, snapshots, rollbacks, follow-up
 * checkpoints and the images retagged in the registry. Instants are UTC ISO-8601; fields that do not apply are empty
 * lists or null, never missing. Version 2 added {@code images}; a version 1 file reads with none. Version 3 added the
 * audit anchors: {@code auditHead} (the audit log's record count and last hash when the manifest was written) and
 * each approval's {@code audit} (the position and hash of that decision's own record), which {@code audit verify}
 * checks so a truncated or rewritten log is detected; older files read with none.
 */
public record ReleaseManifest(
        int schemaVersion,
        String release,
        String environment,
        String sourceCommit,
        String verdict,
        Instant startedAt,
        Instant finishedAt,
        List<Artifact> artifacts,
        List<ServiceRun> services,
        List<Approval> approvals,
        List<GateDecision> gates,
        List<Override> overrides,
        List<SnapshotRef> snapshots,
        List<RollbackRef> rollbacks,
        List<Checkpoint> followups,
        List<ImageRetag> images,
        AuditAnchor auditHead) {

    /** The schema version this code writes. */
    public static final int SCHEMA_VERSION = 3;

    public ReleaseManifest {
        Objects.requireNonNull(release, "release");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(startedAt, "startedAt");
        artifacts = List.copyOf(artifacts);
        services = List.copyOf(services);
        approvals = List.copyOf(approvals);
        gates = List.copyOf(gates);
        overrides = List.copyOf(overrides);
        snapshots = List.copyOf(snapshots);
        rollbacks = List.copyOf(rollbacks);
        followups = List.copyOf(followups);
        images = images == null ? List.of() : List.copyOf(images);
    }

    /** An image or package that was promoted: its name, tag and content digest. */
    public record Artifact(String name, String tag, String digest) {}

    /** One service's rollout: its position, start and end, verdict and why. */
    public record ServiceRun(String name, int order, Instant start, Instant end, String verdict, String reason) {}

    /** One approval decision: who, when, what they said, and its audit record (null in files before version 3). */
    public record Approval(String who, Instant at, String decision, String comment, AuditAnchor audit) {
        /** A decision without its audit anchor. */
        public Approval(String who, Instant at, String decision, String comment) {
            this(who, at, decision, comment, null);
        }
    }

    /** A gate (window, freeze, interval, approvals, health, soak) and its verdict with the reason. */
    public record GateDecision(String gate, String verdict, String reason, Instant at) {}

    /** An emergency override: who bypassed which gates, and why. */
    public record Override(String who, Instant at, List<String> bypassed, String reason) {
        public Override {
            bypassed = List.copyOf(bypassed);
        }
    }

    /** A snapshot taken before a service was deployed. */
    public record SnapshotRef(String service, String id, Instant takenAt) {}

    /** A rollback: snapshot restore or git revert, its outcome and a pointer (snapshot id, branch, PR). */
    public record RollbackRef(String service, String kind, String outcome, Instant at, String detail) {}

    /** A follow-up checkpoint after the release (e.g. 30m, 4h, 1d) and its status. */
    public record Checkpoint(Instant due, String status) {}

    /**
     * A service's image after the release was healthy: {@code image} ({@code registry.example.org/team/api}), the
     * {@code sourceTag} it was read from, its manifest {@code digest} and {@code mediaType}, the {@code tags} it was
     * given, and {@code RETAGGED}, or {@code FAILED} with why in {@code detail} (digest and media type then null).
     */
    public record ImageRetag(
            String service,
            String image,
            String sourceTag,
            String digest,
            String mediaType,
            List<String> tags,
            String outcome,
            Instant at,
            String detail) {
        public ImageRetag {
            tags = List.copyOf(tags);
        }

        public boolean retagged() {
            return outcome.equals("RETAGGED");
        }
    }

    /** This manifest with one more rollback. */
    public ReleaseManifest withRollback(RollbackRef rollback) {
        List<RollbackRef> more = new java.util.ArrayList<>(rollbacks);
        more.add(rollback);
        return rewritten(verdict, more, images);
    }

    /** This manifest with the images' latest retag outcomes and the promotion's verdict after them. */
    public ReleaseManifest withImages(List<ImageRetag> retags, String newVerdict) {
        return rewritten(newVerdict, rollbacks, retags);
    }

    /** A change to a written manifest; it is written again in the current schema version. */
    private ReleaseManifest rewritten(String newVerdict, List<RollbackRef> newRollbacks, List<ImageRetag> newImages) {
        return new ReleaseManifest(
                SCHEMA_VERSION,
                release,
                environment,
                sourceCommit,
                newVerdict,
                startedAt,
                finishedAt,
                artifacts,
                services,
                approvals,
                gates,
                overrides,
                snapshots,
                newRollbacks,
                followups,
                newImages,
                auditHead);
    }
}
