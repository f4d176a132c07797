package io.releaseguard.engine.rollback;

import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.audit.AuditEntry;
import io.releaseguard.engine.config.GitSpec;
import io.releaseguard.engine.config.ReleaseGuardConfig;
import io.releaseguard.engine.config.ServiceSpec;
import io.releaseguard.engine.manifest.ReleaseManifest;
import io.releaseguard.engine.manifest.ReleaseManifests;
import io.releaseguard.engine.pir.Incident;
import io.releaseguard.engine.pir.PostIncidentReviews;
import io.releaseguard.engine.snapshot.FileChange;
import io.releaseguard.engine.snapshot.RestoreResult;
import io.releaseguard.engine.snapshot.SnapshotService;
import io.releaseguard.engine.state.Deployment;
import io.releaseguard.engine.state.Outcome;
import io.releaseguard.engine.state.StateStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Runs a rollback of an environment and records it everywhere it must show up: the audit log, the release manifest of
 * the release being undone, and a post-incident review draft. The mode is a snapshot restore (the service's declared
 * files, newest service first) or a git revert scoped to the failing service; without an explicit mode a named
 * service with a snapshot is restored, otherwise git is used when configured. The deployment undone is the current one
 * ({@link Deployment#current}); a snapshot rollback marks it rolled back, so the one before it is current (live) again
 * and a second rollback goes one release further back.
 */
public final class Rollbacks {
    private final SnapshotService snapshots;
    private final GitRevertRollback git;
    private final PullRequestClient pullRequests;
    private final StateStore state;
    private final ReleaseManifests manifests;
    private final PostIncidentReviews reviews;
    private final UnaryOperator<String> environmentVariables;
    private final Clock clock;

    public Rollbacks(
            SnapshotService snapshots,
            GitRevertRollback git,
            PullRequestClient pullRequests,
            StateStore state,
            ReleaseManifests manifests,
            PostIncidentReviews reviews,
            UnaryOperator<String> environmentVariables,
            Clock clock) {
        this.snapshots = snapshots;
        this.git = git;
        this.pullRequests = pullRequests;
        this.state = state;
        this.manifests = manifests;
        this.reviews = reviews;
        this.environmentVariables = environmentVariables;
        this.clock = clock;
    }

    /** The two ways back. */
    public enum Mode {
        SNAPSHOT,
        GIT
    }

    /** The closed set of rollback verdicts and the exit code each maps to. */
    public enum Verdict {
        ROLLED_BACK(ExitCode.OK),
        DRY_RUN(ExitCode.OK),
        MANUAL_TRIAGE(ExitCode.ROLLBACK_FAILED),
        FAILED(ExitCode.ROLLBACK_FAILED);

        private final ExitCode exitCode;

        Verdict(ExitCode exitCode) {
            this.exitCode = exitCode;
        }

        public ExitCode exitCode() {
            return exitCode;
        }
    }

    /**
     * What happened: the restores or the revert decision, the review drafted, the overall verdict; {@code live} the
     * release whose deployment is current after a rollback that was carried out (empty for a dry run, or when no
     * earlier deployment is on record).
     */
    public record Report(
            String environment,
            Mode mode,
            boolean dryRun,
            String release,
            List<RestoreResult> restores,
            Optional<RevertDecision> git,
            Optional<String> review,
            Verdict verdict,
            Optional<String> live) {
        public Report {
            restores = List.copyOf(restores);
        }
    }

    public Report rollback(
            ReleaseGuardConfig config,
            String environment,
            Optional<String> service,
            Optional<Mode> requested,
            boolean dryRun,
            String actor)
            throws ReleaseGuardException {
        if (config.environment(environment).isEmpty()) {
            throw new ReleaseGuardException(ExitCode.INVALID, "unknown environment " + environment);
        }
        Mode mode = requested.orElseGet(() -> defaultMode(config, environment, service));
        Optional<Deployment> current = current(environment, service);
        String release = current.map(Deployment::release).orElse("unknown");
        List<Incident.Event> timeline = new ArrayList<>();
        current.ifPresent(d -> timeline.add(new Incident.Event(
                d.start(), "deployment " + d.id() + " of " + release + " started (" + d.outcome() + ")")));
        List<String> decisions = new ArrayList<>();
        List<RestoreResult> restores = new ArrayList<>();
        Optional<RevertDecision> revert = Optional.empty();
        Verdict verdict;
        String whatChanged = "release " + release;
        if (mode == Mode.SNAPSHOT) {
            for (String s : snapshotServices(config, environment, service)) {
                RestoreResult r = snapshots.restore(config, environment, s, Optional.empty(), dryRun, actor);
                restores.add(r);
                long changed = r.changes().stream()
                        .filter(c -> c.action() != FileChange.Action.UNCHANGED)
                        .count();
                String line = "restore snapshot " + r.snapshotId() + " of " + s + " (" + r.snapshot() + "): "
                        + r.status() + " (" + changed
                        + " file(s) changed" + (r.verified() ? ", verified by hash" : "") + ")";
                decisions.add(line);
                timeline.add(new Incident.Event(clock.instant(), line));
            }
            boolean failed = restores.stream().anyMatch(r -> r.status() == RestoreResult.Status.RESTORE_FAILED);
            verdict = dryRun ? Verdict.DRY_RUN : failed ? Verdict.FAILED : Verdict.ROLLED_BACK;
        } else {
            RevertDecision d = gitRevert(config, environment, service, dryRun, actor);
            revert = Optional.of(d);
            whatChanged += "; promotion " + d.promotionCommit() + " \"" + d.promotionSubject() + "\" into "
                    + d.productionBranch();
            String line = "git revert: " + d.outcome() + " — "
                    + (d.outcome() == RevertDecision.Outcome.REVERTED
                            ? d.files().size() + " file(s) of " + d.service().orElseThrow() + " on branch "
                                    + d.branch().orElseThrow()
                                    + d.created()
                                            .map(c -> ", pull request " + c.url())
                                            .orElse("")
                            : d.evidence().get(0));
            decisions.add(line);
            timeline.add(new Incident.Event(clock.instant(), line));
            verdict = d.outcome() == RevertDecision.Outcome.MANUAL_TRIAGE
                    ? Verdict.MANUAL_TRIAGE
                    : dryRun ? Verdict.DRY_RUN : Verdict.ROLLED_BACK;
        }
        Optional<String> review = Optional.empty();
        Optional<String> live = Optional.empty();
        if (!dryRun) {
            record(environment, service, mode, release, verdict, decisions);
            Optional<Outcome> outcome = deploymentOutcome(mode, verdict);
            if (current.isPresent() && outcome.isPresent()) {
                Deployment d = current.get();
                state.recordDeployment(d.finish(max(d.start(), clock.instant()), outcome.get()));
            }
            live = current(environment, service).map(Deployment::release);
            review = Optional.of(reviews.draft(new Incident(
                            Incident.Kind.ROLLBACK,
                            environment,
                            service.orElse(null),
                            release,
                            whatChanged,
                            clock.instant(),
                            timeline,
                            decisions))
                    .id());
        }
        return new Report(environment, mode, dryRun, release, restores, revert, review, verdict, live);
    }

    private RevertDecision gitRevert(
            ReleaseGuardConfig config, String environment, Optional<String> service, boolean dryRun, String actor)
            throws ReleaseGuardException {
        GitSpec spec = config.git()
                .orElseThrow(() -> new ReleaseGuardException(
                        ExitCode.INVALID, "git rollback needs a 'git' section in " + config.source()));
        Map<String, List<String>> owners = new LinkedHashMap<>();
        config.services().forEach(s -> owners.put(s.name(), s.paths()));
        RevertDecision d = git.revert(
                spec, config.baseDir().resolve(spec.repository()), owners, environment, service, dryRun, actor);
        state.audit()
                .append(new AuditEntry(
                        actor,
                        "rollback.git",
                        environment,
                        d.service().orElse("(none)") + "@" + d.promotionCommit(),
                        d.outcome().name(),
                        d.outcome() == RevertDecision.Outcome.REVERTED
                                ? "reverted " + d.files().size() + " file(s)" + (dryRun ? " (dry run)" : "")
                                : d.evidence().get(0),
                        Map.of(
                                "branch", d.branch().orElse(""),
                                "commit", d.revertCommit().orElse(""),
                                "irreversible", String.join(",", d.irreversible()))));
        if (d.outcome() != RevertDecision.Outcome.REVERTED
                || spec.pullRequests().isEmpty()) {
            return d;
        }
        GitSpec.PullRequests prs = spec.pullRequests().get();
        PullRequestClient.Request request = PullRequestClient.request(
                prs,
                RevertPullRequest.title(d),
                d.branch().orElseThrow(),
                spec.productionBranch(),
                RevertPullRequest.body(d));
        if (dryRun) {
            return d.withPullRequest(request, Optional.empty());
        }
        try {
            return d.withPullRequest(
                    request, Optional.of(pullRequests.open(request, environmentVariables.apply(prs.tokenEnv()))));
        } catch (ReleaseGuardException e) {
            throw new ReleaseGuardException(
                    ExitCode.ROLLBACK_FAILED,
                    "revert " + d.revertCommit().orElse("") + " was pushed to "
                            + d.branch().orElse("") + " but the pull request was not opened: " + e.getMessage(),
                    e);
        }
    }

    private void record(
            String environment,
            Optional<String> service,
            Mode mode,
            String release,
            Verdict verdict,
            List<String> decisions)
            throws ReleaseGuardException {
        if (!release.equals("unknown")) {
            manifests.recordRollback(
                    environment,
                    release,
                    new ReleaseManifest.RollbackRef(
                            service.orElse(null),
                            mode.name(),
                            verdict.name(),
                            clock.instant(),
                            String.join("; ", decisions)));
        }
    }

    /**
     * A restored snapshot rolls the deployment back; a failed restore or a triage case needs a human. A git revert
     * only opens a pull request, so the deployment's outcome waits for the redeploy.
     */
    private static Optional<Outcome> deploymentOutcome(Mode mode, Verdict verdict) {
        return switch (verdict) {
            case ROLLED_BACK -> mode == Mode.SNAPSHOT ? Optional.of(Outcome.ROLLED_BACK) : Optional.empty();
            case FAILED, MANUAL_TRIAGE -> Optional.of(Outcome.ROLLBACK_FAILED);
            case DRY_RUN -> Optional.empty();
        };
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private Optional<Deployment> current(String environment, Optional<String> service) throws ReleaseGuardException {
        return Deployment.current(state.deployments(environment), service);
    }

    private static Mode defaultMode(ReleaseGuardConfig config, String environment, Optional<String> service) {
        boolean snapshot = service.flatMap(config::service)
                .map(s -> s.snapshot().isPresent() && s.targets().containsKey(environment))
                .orElse(false);
        return snapshot || config.git().isEmpty() ? Mode.SNAPSHOT : Mode.GIT;
    }

    private static List<String> snapshotServices(
            ReleaseGuardConfig config, String environment, Optional<String> service) throws ReleaseGuardException {
        if (service.isPresent()) {
            return List.of(service.get());
        }
        List<String> names = new ArrayList<>();
        for (ServiceSpec s : config.services()) {
            if (s.snapshot().isPresent() && s.targets().containsKey(environment)) {
                names.add(0, s.name()); // newest-deployed first: reverse rollout order
            }
        }
        if (names.isEmpty()) {
            throw new ReleaseGuardException(
                    ExitCode.INVALID, "no service declares a snapshot and a target for " + environment);
        }
        return names;
    }
}
