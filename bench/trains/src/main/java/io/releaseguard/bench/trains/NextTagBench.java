package io.releaseguard.bench.trains;

import io.releaseguard.engine.train.JGitTagRepository;
import io.releaseguard.engine.train.TrainTag;
import io.releaseguard.engine.train.VersionLine;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * next-tag on a generated repository against the shell pipeline people use for it. The repository (built once with
 * {@code git fast-import}, refs packed as after a clone) has {@code --commits} commits on main and {@code --tags}
 * tags: annotated dev/staging/hotfix train tags of lines 0.4 and 0.5, lightweight build tags and malformed names.
 * Each round, alternately, (a) opens the repository with JGit and computes the next dev tag of line 0.5 from the tag
 * names, in this JVM, and (b) runs {@code git tag --list 'v0.5.0-dev.*' | sort -V | tail -n1} in {@code sh}. Prints
 * the median wall time of each and the ratio. Run: {@code java -jar bench/trains/target/bench-trains.jar [--commits
 * N] [--tags N] [--rounds N] [--dir DIR]}.
 */
public final class NextTagBench {
    private NextTagBench() {}

    public static void main(String[] args) throws Exception {
        int commits = intArg(args, "--commits", 50_000);
        int tags = intArg(args, "--tags", 10_000);
        int rounds = intArg(args, "--rounds", 21);
        String dirArg = arg(args, "--dir", null);
        Path dir = dirArg != null ? Path.of(dirArg) : Files.createTempDirectory("rg-bench-trains");
        long t0 = System.nanoTime();
        int devTags = generate(dir, commits, tags);
        System.out.printf(
                "repository %s: %d commits, %d tags (%d dev tags of line 0.5), generated in %.1f s%n",
                dir, commits, tags, devTags, (System.nanoTime() - t0) / 1e9);

        VersionLine line = new VersionLine(0, 5);
        String expected = "v0.5.0-dev." + (devTags + 1);
        for (int warm = 0; warm < 5; warm++) {
            check(expected, jgit(dir, line));
            check(expected, pipelineNext(dir));
        }
        double[] ours = new double[rounds];
        double[] shell = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long a = System.nanoTime();
            check(expected, jgit(dir, line));
            long b = System.nanoTime();
            check(expected, pipelineNext(dir));
            long c = System.nanoTime();
            ours[r] = (b - a) / 1e6;
            shell[r] = (c - b) / 1e6;
        }
        double o = median(ours);
        double s = median(shell);
        double loop = shellLoop(dir, 50);
        System.out.printf(
                "next-tag (JGit, in-process, repository opened each time): median %.1f ms%n"
                        + "git tag --list 'v0.5.0-dev.*' | sort -V | tail -n1 (sh spawned per run): median %.1f ms%n"
                        + "ratio pipeline/next-tag: %.2fx (%d interleaved rounds after 5 warm-up rounds)%n"
                        + "the same pipeline 50 times in one sh loop (no JVM spawn per run): %.1f ms/run, ratio %.2fx%n",
                o, s, s / o, rounds, loop, loop / o);
    }

    private static String jgit(Path dir, VersionLine line) throws Exception {
        try (JGitTagRepository repo = JGitTagRepository.open(dir)) {
            return TrainTag.next(line, "dev", repo.tagNames()).name();
        }
    }

    /** The shell pipeline's answer turned into the next tag, as a script would: take the last, add one. */
    private static String pipelineNext(Path dir) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("sh", "-c", "git tag --list 'v0.5.0-dev.*' | sort -V | tail -n1")
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        String last = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("pipeline failed: " + last);
        }
        int n = Integer.parseInt(last.substring(last.lastIndexOf('.') + 1));
        return "v0.5.0-dev." + (n + 1);
    }

    /** The pipeline's cost without spawning a shell from the JVM each time: one {@code sh} loop, per run. */
    private static double shellLoop(Path dir, int runs) throws IOException, InterruptedException {
        long a = System.nanoTime();
        run(
                dir,
                "sh",
                "-c",
                "i=0; while [ $i -lt " + runs + " ]; do git tag --list 'v0.5.0-dev.*' | sort -V"
                        + " | tail -n1 >/dev/null; i=$((i+1)); done");
        return (System.nanoTime() - a) / 1e6 / runs;
    }

    private static void check(String expected, String actual) {
        if (!expected.equals(actual)) {
            throw new IllegalStateException("expected " + expected + ", got " + actual);
        }
    }

    /** Builds the repository; returns how many dev tags of line 0.5 it holds. */
    static int generate(Path dir, int commits, int tags) throws IOException, InterruptedException {
        if (Files.exists(dir.resolve("HEAD")) || Files.exists(dir.resolve(".git"))) {
            throw new IllegalStateException(dir + " already holds a repository; pass an empty --dir");
        }
        run(
                dir.getParent(),
                "git",
                "init",
                "-q",
                "--bare",
                "-b",
                "main",
                dir.getFileName().toString());
        Process fi = new ProcessBuilder("git", "fast-import", "--quiet")
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                .start();
        int dev = 0;
        try (OutputStream raw = fi.getOutputStream();
                OutputStream out = new BufferedOutputStream(raw, 1 << 20)) {
            long time = 1_700_000_000L;
            int tagEvery = Math.max(1, commits / tags);
            int made = 0;
            for (int i = 1; i <= commits; i++) {
                String msg = "commit " + i + "\n";
                String content = "line " + i + "\n";
                write(
                        out,
                        "commit refs/heads/main\nmark :" + i + "\ncommitter Bench <bench@example.org> "
                                + (time + i) + " +0000\ndata " + msg.length() + "\n" + msg
                                + (i > 1 ? "from :" + (i - 1) + "\n" : "")
                                + "M 100644 inline f" + (i % 100) + ".txt\ndata " + content.length() + "\n" + content
                                + "\n");
                if (i % tagEvery == 0 && made < tags) {
                    String name = tagName(made);
                    if (name.startsWith("v0.5.0-dev.") && TrainTag.parse(name).isPresent()) {
                        dev++;
                    }
                    if (made % 10 == 9) {
                        write(out, "reset refs/tags/" + name + "\nfrom :" + i + "\n\n");
                    } else {
                        String tmsg = "release " + name + "\n";
                        write(
                                out,
                                "tag " + name + "\nfrom :" + i + "\ntagger Bench <bench@example.org> " + (time + i)
                                        + " +0000\ndata " + tmsg.length() + "\n" + tmsg + "\n");
                    }
                    made++;
                }
            }
        }
        if (fi.waitFor() != 0) {
            throw new IllegalStateException("git fast-import failed");
        }
        run(dir, "git", "pack-refs", "--all");
        return dev;
    }

    /** Tag {@code i}: mostly train tags of several tracks and lines, some build tags and malformed names. */
    private static String tagName(int i) {
        int kind = i % 10;
        int n = i / 10 + 1;
        return switch (kind) {
            case 0, 1, 2, 3 -> "v0.5.0-dev." + (4 * (n - 1) + kind + 1);
            case 4 -> "v0.5.0-staging." + n;
            case 5 -> "v0.5.0-hotfix." + n;
            case 6 -> "v0.4.0-dev." + n;
            case 7 -> "v0.5.0-dev.0" + n;
            case 8 -> "2026." + (n % 12 + 1) + "." + n + "-rc.1";
            default -> "build-" + n;
        };
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
    }

    private static void run(Path dir, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static int intArg(String[] args, String name, int fallback) {
        String v = arg(args, name, null);
        return v == null ? fallback : Integer.parseInt(v);
    }

    private static String arg(String[] args, String name, String fallback) {
        List<String> list = Arrays.asList(args);
        int i = list.indexOf(name);
        return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
    }
}
