package io.releaseguard.engine.rollback;

import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.config.GitSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.util.io.DisabledOutputStream;

/**
 * The guardrails pattern with JGit: find the latest promotion merge on the production branch (first-parent history,
 * message matching {@code git.promotionCommit}), decide the scope with {@link RevertScope}, and create a commit on top
 * of the production branch that puts only that service's files back to the merge's first parent. The commit goes on a
 * new branch pushed to {@code git.remote}; the production branch itself is never moved. If a scoped file changed again
 * after the promotion, reverting it would undo unrelated work, so that too goes to manual triage.
 */
public final class GitRevertRollback {
    private static final int MAX_HISTORY = 10_000;

    private final Clock clock;

    public GitRevertRollback(Clock clock) {
        this.clock = clock;
    }

    /** Decides and, unless {@code dryRun}, commits the revert and pushes its branch. */
    public RevertDecision revert(
            GitSpec git,
            Path repository,
            Map<String, List<String>> owners,
            String environment,
            Optional<String> failing,
            boolean dryRun,
            String actor)
            throws ReleaseGuardException {
        try (Repository repo = open(repository);
                RevWalk walk = new RevWalk(repo);
                ObjectReader reader = repo.newObjectReader()) {
            Ref ref = repo.exactRef(Constants.R_HEADS + git.productionBranch());
            if (ref == null) {
                throw new ReleaseGuardException(
                        ExitCode.INVALID,
                        repository + ": no branch " + git.productionBranch() + " (git.productionBranch)");
            }
            RevCommit head = walk.parseCommit(ref.getObjectId());
            RevCommit merge = findPromotion(walk, head, git);
            RevCommit before = walk.parseCommit(merge.getParent(0));
            List<String> changed = changedPaths(repo, before.getTree(), merge.getTree());
            RevertScope.Decision scope = RevertScope.decide(changed, owners, failing);
            List<String> evidence = new ArrayList<>(scope.evidence());
            if (scope.revert() && !head.equals(merge)) {
                List<String> later = changedPaths(repo, merge.getTree(), head.getTree()).stream()
                        .filter(scope.files()::contains)
                        .toList();
                if (!later.isEmpty()) {
                    evidence.add(
                            0,
                            "CHANGED_SINCE_PROMOTION: " + later + " changed again on " + git.productionBranch()
                                    + " after " + merge.abbreviate(12).name() + "; a revert would undo that work too");
                    scope = new RevertScope.Decision(Optional.empty(), List.of(), evidence);
                }
            }
            String subject = merge.getShortMessage();
            if (!scope.revert()) {
                return new RevertDecision(
                        RevertDecision.Outcome.MANUAL_TRIAGE,
                        environment,
                        failing,
                        git.productionBranch(),
                        merge.name(),
                        subject,
                        List.of(),
                        List.of(),
                        evidence,
                        Optional.empty(),
                        Optional.empty(),
                        dryRun,
                        Optional.empty(),
                        Optional.empty());
            }
            String service = scope.service().orElseThrow();
            List<String> irreversible = scope.files().stream()
                    .filter(f -> PathGlob.any(git.irreversible(), f))
                    .toList();
            String branch = "rollback/" + environment + "/" + service + "-"
                    + merge.abbreviate(10).name();
            Optional<String> commit = Optional.empty();
            if (!dryRun) {
                ObjectId id = commit(repo, reader, head, before, merge, scope.files(), service, environment, actor);
                createBranch(repo, branch, id);
                push(repo, git.remote(), branch);
                commit = Optional.of(id.name());
            }
            return new RevertDecision(
                    RevertDecision.Outcome.REVERTED,
                    environment,
                    Optional.of(service),
                    git.productionBranch(),
                    merge.name(),
                    subject,
                    scope.files(),
                    irreversible,
                    evidence,
                    Optional.of(branch),
                    commit,
                    dryRun,
                    Optional.empty(),
                    Optional.empty());
        } catch (IOException e) {
            throw new ReleaseGuardException(
                    ExitCode.ROLLBACK_FAILED, repository + ": git rollback failed: " + e.getMessage(), e);
        }
    }

    private static Repository open(Path repository) throws ReleaseGuardException {
        try {
            FileRepositoryBuilder b =
                    new FileRepositoryBuilder().readEnvironment().setMustExist(true);
            b.findGitDir(repository.toFile());
            if (b.getGitDir() == null) {
                b.setGitDir(repository.toFile()); // a bare repository
            }
            return b.build();
        } catch (IOException | IllegalArgumentException e) {
            throw new ReleaseGuardException(
                    ExitCode.INVALID, repository + ": not a git repository (git.repository): " + e.getMessage(), e);
        }
    }

    private static RevCommit findPromotion(RevWalk walk, RevCommit head, GitSpec git)
            throws IOException, ReleaseGuardException {
        RevCommit c = head;
        for (int i = 0; c != null && i < MAX_HISTORY; i++) {
            walk.parseBody(c);
            if (c.getParentCount() >= 2
                    && git.promotionCommit().matcher(c.getFullMessage()).find()) {
                return c;
            }
            c = c.getParentCount() == 0 ? null : walk.parseCommit(c.getParent(0));
        }
        throw new ReleaseGuardException(
                ExitCode.ROLLBACK_FAILED,
                "NO_PROMOTION: no merge commit matching /" + git.promotionCommit() + "/ in the first-parent history of "
                        + git.productionBranch() + " (searched " + MAX_HISTORY + " commits at most)");
    }

    private static List<String> changedPaths(Repository repo, RevTree from, RevTree to) throws IOException {
        TreeSet<String> paths = new TreeSet<>();
        try (DiffFormatter diff = new DiffFormatter(DisabledOutputStream.INSTANCE)) {
            diff.setRepository(repo);
            diff.setDetectRenames(false);
            for (DiffEntry e : diff.scan(from, to)) {
                if (e.getChangeType() != DiffEntry.ChangeType.ADD) {
                    paths.add(e.getOldPath());
                }
                if (e.getChangeType() != DiffEntry.ChangeType.DELETE) {
                    paths.add(e.getNewPath());
                }
            }
        }
        return List.copyOf(paths);
    }

    private ObjectId commit(
            Repository repo,
            ObjectReader reader,
            RevCommit head,
            RevCommit before,
            RevCommit merge,
            List<String> files,
            String service,
            String environment,
            String actor)
            throws IOException {
        DirCache index = DirCache.newInCore();
        DirCacheBuilder builder = index.builder();
        builder.addTree(new byte[0], DirCacheEntry.STAGE_0, reader, head.getTree());
        builder.finish();
        DirCacheEditor editor = index.editor();
        for (String path : files) {
            try (TreeWalk old = TreeWalk.forPath(repo, path, before.getTree())) {
                if (old == null) {
                    editor.add(new DirCacheEditor.DeletePath(path));
                } else {
                    ObjectId blob = old.getObjectId(0);
                    var mode = old.getFileMode(0);
                    editor.add(new DirCacheEditor.PathEdit(path) {
                        @Override
                        public void apply(DirCacheEntry ent) {
                            ent.setFileMode(mode);
                            ent.setObjectId(blob);
                        }
                    });
                }
            }
        }
        editor.finish();
        try (ObjectInserter inserter = repo.newObjectInserter()) {
            PersonIdent who =
                    new PersonIdent("release-guard", "release-guard@localhost", clock.instant(), ZoneOffset.UTC);
            CommitBuilder cb = new CommitBuilder();
            cb.setTreeId(index.writeTree(inserter));
            cb.setParentId(head);
            cb.setAuthor(who);
            cb.setCommitter(who);
            cb.setMessage("Revert " + service + " changes of promotion "
                    + merge.abbreviate(12).name() + "\n\n"
                    + "A guard check of " + service + " failed in " + environment + " after \""
                    + merge.getShortMessage() + "\".\nThis puts back only " + service + "'s files as of "
                    + before.name() + ":\n"
                    + files.stream().map(f -> "  " + f + "\n").reduce("", String::concat)
                    + "\nRelease-Guard-Rollback: " + environment + "/" + service + "\nRequested-By: " + actor + "\n");
            ObjectId id = inserter.insert(cb);
            inserter.flush();
            return id;
        }
    }

    private static void createBranch(Repository repo, String branch, ObjectId commit)
            throws IOException, ReleaseGuardException {
        RefUpdate update = repo.updateRef(Constants.R_HEADS + branch);
        update.setNewObjectId(commit);
        update.setExpectedOldObjectId(ObjectId.zeroId());
        update.setRefLogMessage("release-guard: rollback", false);
        RefUpdate.Result result = update.update();
        if (result != RefUpdate.Result.NEW) {
            throw new ReleaseGuardException(
                    ExitCode.ROLLBACK_FAILED,
                    "branch " + branch + " could not be created (" + result
                            + "); a rollback for this promotion may already exist");
        }
    }

    private static void push(Repository repo, String remote, String branch) throws ReleaseGuardException {
        String ref = Constants.R_HEADS + branch;
        try (Git g = new Git(repo)) {
            for (PushResult r : g.push()
                    .setRemote(remote)
                    .setRefSpecs(new RefSpec(ref + ":" + ref))
                    .call()) {
                for (RemoteRefUpdate u : r.getRemoteUpdates()) {
                    if (u.getStatus() != RemoteRefUpdate.Status.OK) {
                        throw new ReleaseGuardException(
                                ExitCode.ROLLBACK_FAILED,
                                "push of " + branch + " to " + remote + " was refused: " + u.getStatus()
                                        + (u.getMessage() == null ? "" : " " + u.getMessage()));
                    }
                }
            }
        } catch (GitAPIException e) {
            throw new ReleaseGuardException(
                    ExitCode.ROLLBACK_FAILED, "push of " + branch + " to " + remote + " failed: " + e.getMessage(), e);
        }
    }
}
