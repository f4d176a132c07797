package io.releaseguard.engine.target;

import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.ReleaseGuardException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Runs a program from an argv list (never a shell line built from data), feeds it stdin, collects both outputs with
 * a cap, and kills it when it outlives its timeout. The caps keep a runaway command from exhausting the heap.
 */
public final class Processes {
    static final int MAX_STDOUT = 64 * 1024 * 1024;
    private static final int MAX_STDERR = 64 * 1024;

    private Processes() {}

    /** Runs {@code argv} in {@code cwd} (null: the current directory) with {@code stdin}, killed after {@code timeout}. */
    public static ExecResult run(List<String> argv, Path cwd, byte[] stdin, Duration timeout)
            throws ReleaseGuardException {
        return run(argv, cwd, stdin, timeout, Optional.empty());
    }

    /**
     * As above; with {@code environment} the program sees exactly those variables instead of this process's own (the
     * Jenkins step's environment on an agent, where {@code SSH_AUTH_SOCK} comes from {@code sshagent}).
     */
    public static ExecResult run(
            List<String> argv, Path cwd, byte[] stdin, Duration timeout, Optional<Map<String, String>> environment)
            throws ReleaseGuardException {
        return run(argv, cwd, stdin, timeout, environment, MAX_STDOUT);
    }

    /** As above with another cap on standard output; more output stops the reading and fails the run. */
    static ExecResult run(
            List<String> argv,
            Path cwd,
            byte[] stdin,
            Duration timeout,
            Optional<Map<String, String>> environment,
            int maxStdout)
            throws ReleaseGuardException {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ExecResult r = stream(argv, cwd, new ByteArrayInputStream(stdin), stdout, maxStdout, timeout, environment);
        return new ExecResult(r.exitCode(), stdout.toByteArray(), r.stderr());
    }

    /**
     * Runs {@code argv} with its standard input streamed from {@code stdin} and its standard output streamed into
     * {@code stdout} (at most {@code maxStdout} bytes: more stops the program and fails the run), each through one
     * small buffer; the result's {@code stdout} is empty. When {@code stdin} fails, the program is killed before its
     * input is closed, so it never sees a clean end of a half-sent stream.
     */
    static ExecResult stream(
            List<String> argv,
            Path cwd,
            InputStream stdin,
            OutputStream stdout,
            long maxStdout,
            Duration timeout,
            Optional<Map<String, String>> environment)
            throws ReleaseGuardException {
        ProcessBuilder pb = new ProcessBuilder(argv);
        if (cwd != null) {
            pb.directory(cwd.toFile());
        }
        environment.ifPresent(env -> {
            pb.environment().clear();
            pb.environment().putAll(env);
        });
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new ReleaseGuardException(
                    ExitCode.UNEXPECTED, "cannot start " + argv.get(0) + ": " + e.getMessage(), e);
        }
        // Own threads, not the common pool: three blocking copies must run at once or the pipes deadlock.
        CompletableFuture<Void> out =
                CompletableFuture.runAsync(() -> drain(p, p.getInputStream(), stdout, maxStdout), Processes::daemon);
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        CompletableFuture<Void> err =
                CompletableFuture.runAsync(() -> drain(p, p.getErrorStream(), errors, MAX_STDERR), Processes::daemon);
        CompletableFuture<Void> in = CompletableFuture.runAsync(() -> feed(p, stdin), Processes::daemon);
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new ReleaseGuardException(
                        ExitCode.UNEXPECTED, argv.get(0) + " did not finish within " + timeout + "; killed");
            }
            in.get();
            out.get();
            err.get();
            return new ExecResult(p.exitValue(), new byte[0], errors.toString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new ReleaseGuardException(ExitCode.UNEXPECTED, argv.get(0) + " interrupted", e);
        } catch (ExecutionException e) {
            throw new ReleaseGuardException(
                    ExitCode.UNEXPECTED,
                    argv.get(0) + ": cannot pass its input or output: "
                            + e.getCause().getMessage(),
                    e.getCause());
        }
    }

    private static void daemon(Runnable task) {
        Thread t = new Thread(task, "release-guard-process-io");
        t.setDaemon(true);
        t.start();
    }

    private static void feed(Process p, InputStream source) {
        OutputStream in = p.getOutputStream();
        byte[] buffer = new byte[Streams.BUFFER];
        try {
            int n;
            while ((n = source.read(buffer)) >= 0) {
                try {
                    in.write(buffer, 0, n);
                } catch (IOException e) {
                    // The program stopped reading (it may exit without reading); its exit code and stderr tell why.
                    break;
                }
            }
        } catch (IOException e) {
            p.destroyForcibly();
            throw new UncheckedIOException(e);
        } finally {
            try {
                in.close();
            } catch (IOException e) {
                // Gone already: nothing left to tell it.
            }
        }
    }

    private static void drain(Process p, InputStream in, OutputStream sink, long cap) {
        try (in) {
            if (Streams.copyAtMost(in, sink, cap) > cap) {
                p.destroyForcibly();
                throw new IOException("output exceeds " + cap + " bytes");
            }
        } catch (IOException e) {
            p.destroyForcibly();
            throw new UncheckedIOException(e);
        }
    }
}
