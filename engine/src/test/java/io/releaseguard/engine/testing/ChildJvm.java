package io.releaseguard.engine.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A child JVM running a main class from the test class path, for crash tests: the test reads its stdout line by line
 * (the child's acknowledgements) and kills it with SIGKILL at a moment of its choosing. Stderr goes to a file so a
 * failing child can be diagnosed.
 */
public final class ChildJvm implements AutoCloseable {
    private final Process process;
    private final BufferedReader stdout;
    private final Path stderr;

    private ChildJvm(Process process, Path stderr) {
        this.process = process;
        this.stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.stderr = stderr;
    }

    /** Starts {@code mainClass} with {@code args}; the JVM is tuned to start fast, not to run fast. */
    public static ChildJvm start(Class<?> mainClass, String... args) throws IOException {
        Path stderr = Files.createTempFile("child-jvm", ".stderr");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto",
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-Xmx64m",
                "-cp",
                System.getProperty("java.class.path"),
                mainClass.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command)
                .redirectError(stderr.toFile())
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .start();
        return new ChildJvm(process, stderr);
    }

    /** The next line the child printed; fails with the child's stderr if it ended instead. */
    public String readLine() throws IOException {
        String line = stdout.readLine();
        if (line == null) {
            throw new IllegalStateException("child ended early: " + stderrText());
        }
        return line;
    }

    /** The child's process id (to send it a signal such as SIGSTOP). */
    public long pid() {
        return process.pid();
    }

    /** SIGKILL (on POSIX), then waits until the process is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** Waits for a normal exit and returns the exit code. */
    public boolean isAlive() {
        return process.isAlive();
    }

    public int waitFor() throws InterruptedException {
        return process.waitFor();
    }

    /** What the child wrote to stderr so far. */
    public String stderrText() {
        try {
            return Files.readString(stderr);
        } catch (IOException e) {
            return "(stderr unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws IOException {
        process.destroyForcibly();
        stdout.close();
        Files.deleteIfExists(stderr);
    }
}
