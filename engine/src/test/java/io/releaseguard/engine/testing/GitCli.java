package io.releaseguard.engine.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The real {@code git} command line, for building test repositories and for checking what JGit wrote: tests trust
 * the reference implementation, not the code under test. Identity and dates are fixed so runs are reproducible.
 */
public final class GitCli {
    private final Path dir;

    public GitCli(Path dir) {
        this.dir = dir;
    }

    /** Runs {@code git args...} in the directory and returns stdout, trimmed; a non-zero exit fails the test. */
    public String run(String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of(
                "git",
                "-c",
                "user.name=Test",
                "-c",
                "user.email=test@example.org",
                "-c",
                "init.defaultBranch=main",
                "-c",
                "commit.gpgsign=false"));
        argv.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(argv).directory(dir.toFile());
        pb.environment().put("GIT_AUTHOR_DATE", "2026-11-20T10:00:00Z");
        pb.environment().put("GIT_COMMITTER_DATE", "2026-11-20T10:00:00Z");
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            fail("git " + String.join(" ", args) + " failed in " + dir + ": " + err);
        }
        return new String(out, StandardCharsets.UTF_8).strip();
    }

    /** Writes a file (creating directories) relative to the work tree. */
    public GitCli write(String path, String content) throws Exception {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return this;
    }

    public Path dir() {
        return dir;
    }
}
