package io.releaseguard.engine.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Real git repositories for tests, driven and checked with the {@code git} CLI, so what JGit wrote is verified by
 * the tool users run. Commits get fixed dates and identities, so ids are reproducible.
 */
public final class GitRepos {
    private static final Map<String, String> ENV = Map.of(
            "GIT_AUTHOR_NAME", "Test Author",
            "GIT_AUTHOR_EMAIL", "author@example.org",
            "GIT_COMMITTER_NAME", "Test Committer",
            "GIT_COMMITTER_EMAIL", "committer@example.org",
            "GIT_AUTHOR_DATE", "2026-05-01T12:00:00Z",
            "GIT_COMMITTER_DATE", "2026-05-01T12:00:00Z",
            "GIT_CONFIG_NOSYSTEM", "1",
            "GIT_CONFIG_GLOBAL", "/dev/null");

    private GitRepos() {}

    /** A new repository on branch {@code main} with one commit. */
    public static Path init(Path dir) {
        git(dir.getParent(), "init", "-q", "-b", "main", dir.getFileName().toString());
        git(dir, "config", "user.name", "Release Bot");
        git(dir, "config", "user.email", "bot@example.org");
        commit(dir, "initial");
        return dir;
    }

    /** Commits a new file named after {@code message} (so branches merge cleanly) and returns the commit's id. */
    public static String commit(Path dir, String message) {
        String file = message.replaceAll("[^A-Za-z0-9]+", "-") + ".txt";
        try {
            Files.writeString(dir.resolve(file), message + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        git(dir, "add", file);
        git(dir, "commit", "-q", "-m", message);
        return git(dir, "rev-parse", "HEAD");
    }

    /** Runs git in {@code dir}; returns stdout without the trailing newline, or fails with stderr. */
    public static String git(Path dir, String... args) {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().putAll(ENV);
        pb.redirectErrorStream(false);
        try {
            Process p = pb.start();
            byte[] out = p.getInputStream().readAllBytes();
            byte[] err = p.getErrorStream().readAllBytes();
            int code = p.waitFor();
            if (code != 0) {
                throw new AssertionError("git " + String.join(" ", args) + " failed (" + code + "): "
                        + new String(err, StandardCharsets.UTF_8) + new String(out, StandardCharsets.UTF_8));
            }
            return new String(out, StandardCharsets.UTF_8).stripTrailing();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Exit code of a git command that answers by status ({@code merge-base --is-ancestor}). */
    public static int status(Path dir, String... args) {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).start();
            p.getInputStream().readAllBytes();
            p.getErrorStream().readAllBytes();
            return p.waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
