package io.releaseguard.engine.train;

import io.releaseguard.engine.state.FileStateStore;
import io.releaseguard.engine.testing.GitCli;
import io.releaseguard.engine.testing.MutableClock;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real repository (branch main, one commit, {@code user.name} "Release Bot" for the tagger), a state directory
 * and a mutable clock, fresh for every test; {@link #git} drives and checks it with the git CLI.
 */
abstract class RepositoryFixture {
    @TempDir
    Path tmp;

    Path repoDir;
    GitCli git;
    MutableClock clock;
    FileStateStore state;
    JGitTagRepository repo;

    /** Where the clock starts. */
    abstract String start();

    @BeforeEach
    void openRepository() throws Exception {
        new GitCli(tmp).run("init", "-q", "-b", "main", "repo");
        repoDir = tmp.resolve("repo");
        git = new GitCli(repoDir);
        git.run("config", "user.name", "Release Bot");
        git.run("config", "user.email", "bot@example.org");
        commit("initial");
        clock = MutableClock.at(start());
        state = new FileStateStore(tmp.resolve("state"), clock);
        repo = JGitTagRepository.open(repoDir);
    }

    /** Commits a new file named after {@code message} (so branches merge cleanly); returns the commit's id. */
    String commit(String message) throws Exception {
        String file = message.replaceAll("[^A-Za-z0-9]+", "-") + ".txt";
        git.write(file, message + "\n").run("add", file);
        git.run("commit", "-q", "-m", message);
        return git.run("rev-parse", "HEAD");
    }

    /** True when {@code ancestor} is an ancestor of (or equal to) {@code descendant}, asked of the git CLI. */
    boolean isAncestor(String ancestor, String descendant) throws Exception {
        return git.run("merge-base", ancestor, descendant).equals(git.run("rev-parse", ancestor + "^{commit}"));
    }

    @AfterEach
    void closeRepository() {
        repo.close();
    }
}
