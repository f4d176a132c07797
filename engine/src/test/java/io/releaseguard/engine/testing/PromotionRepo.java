package io.releaseguard.engine.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real repository, built with the git CLI, in which one promotion ({@code Merge branch 'main' into production})
 * brought changes of two services at once: api ({@code services/api/**}, {@code db/api/**}, including a migration)
 * and web ({@code services/web/**}), plus an unowned README. {@code origin} is a bare repository on disk.
 */
public record PromotionRepo(GitCli repo, GitCli remote, String merge) {

    public static PromotionRepo create(Path dir) throws Exception {
        GitCli remote = new GitCli(Files.createDirectories(dir.resolve("remote.git")));
        remote.run("init", "-q", "--bare");
        GitCli git = new GitCli(Files.createDirectories(dir.resolve("repo")));
        git.run("init", "-q");
        git.write("services/api/app.txt", "api v1\n")
                .write("services/web/app.txt", "web v1\n")
                .write("db/api/001.sql", "create table t (id int);\n")
                .write("README.md", "r1\n");
        git.run("add", "-A");
        git.run("commit", "-q", "-m", "initial");
        git.run("branch", "production");
        git.write("services/api/app.txt", "api v2\n")
                .write("services/api/new.txt", "new in v2\n")
                .write("db/api/002.sql", "alter table t add column x int;\n")
                .write("services/web/app.txt", "web v2\n")
                .write("README.md", "r2\n");
        git.run("add", "-A");
        git.run("commit", "-q", "-m", "api v2 and web v2");
        git.run("checkout", "-q", "production");
        git.run("merge", "-q", "--no-ff", "main", "-m", "Merge branch 'main' into production");
        String merge = git.run("rev-parse", "production");
        git.run("checkout", "-q", "main");
        git.run("remote", "add", "origin", remote.dir().toString());
        git.run("push", "-q", "origin", "main", "production");
        return new PromotionRepo(git, remote, merge);
    }
}
