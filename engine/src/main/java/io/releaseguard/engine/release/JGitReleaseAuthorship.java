package io.releaseguard.engine.release;

import io.releaseguard.engine.config.ReleaseGuardConfig;
import io.releaseguard.engine.health.BuildInfo;
import io.releaseguard.engine.state.ReleaseAuthor;
import io.releaseguard.engine.state.ReleaseAuthor.Source;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.util.FS;

/**
 * {@link ReleaseAuthorship} over a local git repository with JGit. A release names a commit when a tag of that name
 * exists (annotated tags are peeled) or, failing that, when it is {@code sha-<hex>} and the hex resolves to exactly
 * one commit. The repository is opened per lookup, so a promotion never holds it open.
 */
public final class JGitReleaseAuthorship implements ReleaseAuthorship {
    private final Path repository;

    public JGitReleaseAuthorship(Path repository) {
        this.repository = repository;
    }

    /** Reads {@code git.repository} of the policy (resolved against its folder); no git section knows no authors. */
    public static ReleaseAuthorship forPolicy(ReleaseGuardConfig config) {
        return config.git()
                .<ReleaseAuthorship>map(g -> new JGitReleaseAuthorship(
                        config.baseDir().resolve(g.repository()).normalize()))
                .orElse(ReleaseAuthorship.none("the policy names no git.repository; no release authors read"));
    }

    @Override
    public Authorship of(String release) {
        File gitDir = RepositoryCache.FileKey.resolve(repository.toFile(), FS.DETECTED);
        if (gitDir == null) {
            return Authorship.unknown(repository + " is not a git repository; no release authors read");
        }
        try (Repository repo = new FileRepositoryBuilder()
                        .setGitDir(gitDir)
                        .setMustExist(true)
                        .build();
                RevWalk walk = new RevWalk(repo)) {
            Optional<ObjectId> commit = commit(repo, release);
            if (commit.isEmpty()) {
                return Authorship.unknown(release + " names no commit in " + repository
                        + " (no such tag, and not a sha-<hex> of a commit there)");
            }
            RevCommit c = walk.parseCommit(commit.get());
            return new Authorship(
                    Optional.of(c.name()), identities(c), release + " is commit " + c.name() + " in " + repository);
        } catch (IOException | RevisionSyntaxException e) {
            return Authorship.unknown(release + ": cannot read its commit in " + repository + ": " + e.getMessage());
        }
    }

    private static Optional<ObjectId> commit(Repository repo, String release) throws IOException {
        Ref tag = repo.exactRef(Constants.R_TAGS + release);
        if (tag != null) {
            return Optional.ofNullable(repo.resolve(tag.getName() + "^{commit}"));
        }
        String sha = BuildInfo.expectedSha(release);
        if (sha.equals(release)) {
            return Optional.empty();
        }
        return Optional.ofNullable(repo.resolve(sha + "^{commit}"));
    }

    private static List<ReleaseAuthor> identities(RevCommit c) {
        List<ReleaseAuthor> out = new ArrayList<>();
        PersonIdent author = c.getAuthorIdent();
        PersonIdent committer = c.getCommitterIdent();
        out.add(new ReleaseAuthor(Source.GIT_AUTHOR, author.getName(), author.getEmailAddress()));
        if (!committer.getName().equals(author.getName())
                || !committer.getEmailAddress().equals(author.getEmailAddress())) {
            out.add(new ReleaseAuthor(Source.GIT_COMMITTER, committer.getName(), committer.getEmailAddress()));
        }
        return out;
    }
}
