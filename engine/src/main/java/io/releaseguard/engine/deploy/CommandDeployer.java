package io.releaseguard.engine.deploy;

import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.secret.Redactor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a deploy command locally as an argument vector (no shell), in the policy's folder, with the release,
 * service, environment, tenant and idempotency key also in {@code RELEASE_GUARD_*} environment variables. A
 * command that outlives its timeout is killed and counts as failed.
 */
public final class CommandDeployer implements Deployer {
    private static final int MAX_OUTPUT = 4000;

    private final CommandTemplate template;
    private final Path workDir;
    private final Map<String, String> environment;
    private final Duration timeout;

    public CommandDeployer(CommandTemplate template, Path workDir, Map<String, String> environment, Duration timeout) {
        this.template = template;
        this.workDir = workDir;
        this.environment = Map.copyOf(environment);
        this.timeout = timeout;
    }

    @Override
    public DeployOutcome deploy(DeployRequest r) throws ReleaseGuardException {
        List<String> argv;
        try {
            argv = template.argv(r.placeholders());
        } catch (ReleaseGuardException e) {
            // A failed step, as over SSH: the journal records it and the service is rolled back; nothing ran.
            return new DeployOutcome(false, e.getMessage());
        }
        ProcessBuilder pb = new ProcessBuilder(argv).directory(workDir.toFile());
        pb.environment().clear();
        pb.environment().putAll(environment);
        pb.environment().putAll(r.variables());
        pb.redirectErrorStream(true);
        Path output = null;
        try {
            output = Files.createTempFile("release-guard-deploy", ".log");
            pb.redirectOutput(output.toFile());
            Process p = pb.start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor();
                return new DeployOutcome(false, "timed out after " + timeout.toSeconds() + "s: " + template);
            }
            String text = tail(Files.readString(output, StandardCharsets.UTF_8));
            return new DeployOutcome(p.exitValue() == 0, "exit " + p.exitValue() + (text.isEmpty() ? "" : ": " + text));
        } catch (IOException e) {
            throw new ReleaseGuardException(
                    ExitCode.UNEXPECTED, "cannot run deploy command '" + template + "': " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReleaseGuardException(ExitCode.UNEXPECTED, "interrupted while deploying " + r.service(), e);
        } finally {
            if (output != null) {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException ignored) {
                    // a leftover temp log holds no secret the command did not print itself
                }
            }
        }
    }

    /** The end of the output (where errors are), with URL secrets masked. */
    static String tail(String text) {
        String t = text.strip();
        if (t.length() > MAX_OUTPUT) {
            t = "..." + t.substring(t.length() - MAX_OUTPUT);
        }
        return Redactor.text(t);
    }
}
