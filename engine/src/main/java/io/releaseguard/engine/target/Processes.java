package io.releaseguard.engine.target;

import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.ReleaseGuardException;
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
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> drain(p.getInputStream(), maxStdout));
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> drain(p.getErrorStream(), MAX_STDERR));
        try (OutputStream in = p.getOutputStream()) {
            in.write(stdin);
        } catch (IOException e) {
            // The program may exit without reading its input; its exit code and stderr tell why.
        }
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new ReleaseGuardException(
                        ExitCode.UNEXPECTED, argv.get(0) + " did not finish within " + timeout + "; killed");
            }
            return new ExecResult(p.exitValue(), out.get(), new String(err.get(), StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new ReleaseGuardException(ExitCode.UNEXPECTED, argv.get(0) + " interrupted", e);
        } catch (ExecutionException e) {
            throw new ReleaseGuardException(
                    ExitCode.UNEXPECTED,
                    argv.get(0) + ": cannot read its output: " + e.getCause().getMessage(),
                    e.getCause());
        }
    }

    private static byte[] drain(InputStream in, int cap) {
        try (in) {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            byte[] chunk = new byte[8192];
            int n;
            while ((n = in.read(chunk)) >= 0) {
                if (buffer.size() + n > cap) {
                    throw new IOException("output exceeds " + cap + " bytes");
                }
                buffer.write(chunk, 0, n);
            }
            return buffer.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
