package io.releaseguard.engine.train;

import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.ReleaseGuardException;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.lib.TagBuilder;
import org.eclipse.jgit.lib.UserConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevTag;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.util.FS;

/**
 * {@link TagRepository} over a local git repository with JGit. Tags are annotated, tagged by the repository's
 * {@code user.name}/{@code user.email} at the instant given (so tests control it). Local creation and push are
 * compare-and-swap on {@code refs/tags/<name>} with "must not exist" as the expected old value, so of two
 * concurrent cutters exactly one wins and the other gets a conflict naming the tag.
 */
public final class JGitTagRepository implements TagRepository {
    private final Repository repo;
    private final String where;

    private JGitTagRepository(Repository repo, String where) {
        this.repo = repo;
        this.where = where;
    }

    /**
     * Opens the repository at {@code dir} (a work tree or a bare repository).
     *
     * @throws ReleaseGuardException INVALID when {@code dir} is not a git repository
     */
    public static JGitTagRepository open(Path dir) throws ReleaseGuardException {
        File gitDir = RepositoryCache.FileKey.resolve(dir.toFile(), FS.DETECTED);
        if (gitDir == null) {
            throw new ReleaseGuardException(ExitCode.INVALID, dir + ": not a git repository");
        }
        try {
            Repository repo = new FileRepositoryBuilder()
                    .setGitDir(gitDir)
                    .setMustExist(true)
                    .build();
            return new JGitTagRepository(repo, dir.toString());
        } catch (IOException e) {
            throw new ReleaseGuardException(ExitCode.INVALID, dir + ": cannot open repository: " + e.getMessage(), e);
        }
    }

    @Override
    public List<String> tagNames() throws ReleaseGuardException {
        return tagNames("");
    }

    @Override
    public List<String> tagNames(String prefix) throws ReleaseGuardException {
        try {
            return repo.getRefDatabase().getRefsByPrefix(Constants.R_TAGS + prefix).stream()
                    .map(r -> r.getName().substring(Constants.R_TAGS.length()))
                    .toList();
        } catch (IOException e) {
            throw failure("cannot list tags", e);
        }
    }

    @Override
    public Optional<TagInfo> tag(String name) throws ReleaseGuardException {
        try (RevWalk walk = new RevWalk(repo)) {
            Ref ref = repo.exactRef(Constants.R_TAGS + name);
            if (ref == null) {
                return Optional.empty();
            }
            RevObject object = walk.parseAny(ref.getObjectId());
            RevObject peeled = walk.peel(object);
            if (object instanceof RevTag tag) {
                Instant at = tag.getTaggerIdent() == null
                        ? null
                        : tag.getTaggerIdent().getWhenAsInstant();
                return Optional.of(
                        new TagInfo(name, peeled.name(), true, tag.getFullMessage(), Optional.ofNullable(at)));
            }
            return Optional.of(new TagInfo(name, peeled.name(), false, "", Optional.empty()));
        } catch (IOException e) {
            throw failure("cannot read tag " + name, e);
        }
    }

    @Override
    public String commit(String revision) throws ReleaseGuardException {
        try {
            ObjectId id = repo.resolve(revision + "^{commit}");
            if (id == null) {
                throw new ReleaseGuardException(
                        ExitCode.INVALID, where + ": revision \"" + revision + "\" names no commit");
            }
            return id.name();
        } catch (RevisionSyntaxException | IOException e) {
            throw new ReleaseGuardException(
                    ExitCode.INVALID, where + ": revision \"" + revision + "\" names no commit: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean isAncestor(String ancestor, String descendant) throws ReleaseGuardException {
        try (RevWalk walk = new RevWalk(repo)) {
            RevCommit a = walk.parseCommit(ObjectId.fromString(ancestor));
            RevCommit d = walk.parseCommit(ObjectId.fromString(descendant));
            return walk.isMergedInto(a, d);
        } catch (MissingObjectException e) {
            throw new ReleaseGuardException(
                    ExitCode.INVALID, where + ": no commit " + e.getObjectId().name(), e);
        } catch (IOException e) {
            throw failure("cannot walk history", e);
        }
    }

    @Override
    public void createTag(String name, String commit, String message, Instant at) throws ReleaseGuardException {
        UserConfig user = repo.getConfig().get(UserConfig.KEY);
        TagBuilder tag = new TagBuilder();
        tag.setTag(name);
        tag.setObjectId(ObjectId.fromString(commit), Constants.OBJ_COMMIT);
        tag.setTagger(new PersonIdent(
                user.isCommitterNameImplicit() ? "release-guard" : user.getCommitterName(),
                user.isCommitterEmailImplicit() ? "release-guard@localhost" : user.getCommitterEmail(),
                at,
                ZoneOffset.UTC));
        tag.setMessage(message.endsWith("\n") ? message : message + "\n");
        try (ObjectInserter inserter = repo.newObjectInserter()) {
            ObjectId id = inserter.insert(tag);
            inserter.flush();
            RefUpdate update = repo.updateRef(Constants.R_TAGS + name);
            update.setExpectedOldObjectId(ObjectId.zeroId());
            update.setNewObjectId(id);
            update.setRefLogMessage("release-guard: tag " + name, false);
            RefUpdate.Result result = update.update();
            if (result != RefUpdate.Result.NEW) {
                throw conflict(name, "it already exists in " + where + " (" + result + ")");
            }
        } catch (IOException e) {
            throw failure("cannot create tag " + name, e);
        }
    }

    @Override
    public void deleteTag(String name) throws ReleaseGuardException {
        try {
            RefUpdate update = repo.updateRef(Constants.R_TAGS + name);
            update.setForceUpdate(true);
            update.delete();
        } catch (IOException e) {
            throw failure("cannot delete tag " + name, e);
        }
    }

    @Override
    public void fetchTags(String remote) throws ReleaseGuardException {
        try (Transport transport = Transport.open(repo, remote)) {
            transport.fetch(NullProgressMonitor.INSTANCE, List.of(new RefSpec("refs/tags/*:refs/tags/*")));
        } catch (IOException | URISyntaxException e) {
            throw failure("cannot fetch tags from " + remote, e);
        }
    }

    @Override
    public void pushTag(String remote, String name) throws ReleaseGuardException {
        String ref = Constants.R_TAGS + name;
        try (Transport transport = Transport.open(repo, remote)) {
            RemoteRefUpdate update = new RemoteRefUpdate(repo, ref, ref, false, null, ObjectId.zeroId());
            PushResult result = transport.push(NullProgressMonitor.INSTANCE, List.of(update));
            RemoteRefUpdate done = result.getRemoteUpdate(ref);
            switch (done.getStatus()) {
                case OK, UP_TO_DATE -> {}
                case REJECTED_REMOTE_CHANGED, REJECTED_NONFASTFORWARD, REJECTED_OTHER_REASON -> throw conflict(
                        name,
                        remote + " already has it (" + done.getStatus()
                                + (done.getMessage() == null ? "" : ": " + done.getMessage()) + ")");
                default -> throw new ReleaseGuardException(
                        ExitCode.UNEXPECTED, "cannot push tag " + name + " to " + remote + ": " + done.getStatus());
            }
        } catch (IOException | URISyntaxException e) {
            throw failure("cannot push tag " + name + " to " + remote, e);
        }
    }

    private static ReleaseGuardException conflict(String name, String why) {
        return new ReleaseGuardException(
                ExitCode.BLOCKED,
                TrainReason.TAG_CONFLICT + ": tag " + name + " was taken by another cutter: " + why
                        + "; fetch the tags and cut again for the next number");
    }

    private ReleaseGuardException failure(String what, Exception e) {
        return new ReleaseGuardException(ExitCode.UNEXPECTED, where + ": " + what + ": " + e.getMessage(), e);
    }

    @Override
    public void close() {
        repo.close();
    }
}
