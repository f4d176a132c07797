package io.releaseguard.engine.train;

import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.state.FileStateStore;
import io.releaseguard.engine.testing.GitRepos;
import io.releaseguard.engine.testing.MutableClock;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A real repository (branch main, one commit), a state directory and a mutable clock, fresh for every test. */
abstract class RepositoryFixture {
    @TempDir
    Path tmp;

    Path repoDir;
    MutableClock clock;
    FileStateStore state;
    JGitTagRepository repo;

    /** Where the clock starts. */
    abstract String start();

    @BeforeEach
    void openRepository() throws ReleaseGuardException {
        repoDir = GitRepos.init(tmp.resolve("repo"));
        clock = MutableClock.at(start());
        state = new FileStateStore(tmp.resolve("state"), clock);
        repo = JGitTagRepository.open(repoDir);
    }

    @AfterEach
    void closeRepository() {
        repo.close();
    }
}
