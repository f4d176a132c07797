package io.releaseguard.engine.deploy;

import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.config.TargetSpec;
import io.releaseguard.engine.target.ExecResult;
import io.releaseguard.engine.target.SshTarget;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Runs a deploy command on an SSH target, in its directory, through {@link SshTarget} (ProxyJump through the bastion,
 * host keys checked strictly against the configured known_hosts). The remote line exports the {@code
 * RELEASE_GUARD_*} variables and then runs the command, every value and every argument single-quoted, so neither a
 * release nor a tenant name can become shell syntax. Anything that keeps the command from finishing (refused host
 * key, unreachable host, timeout) is a failed deploy, so the promotion records it and rolls back.
 */
public final class SshCommandDeployer implements Deployer {
    private final CommandTemplate template;
    private final TargetSpec.Ssh spec;
    private final Path baseDir;
    private final Duration timeout;
    private final Optional<Map<String, String>> clientEnvironment;

    public SshCommandDeployer(CommandTemplate template, TargetSpec.Ssh spec, Path baseDir, Duration timeout) {
        this(template, spec, baseDir, timeout, Optional.empty());
    }

    /** As above; a present {@code clientEnvironment} is all the local {@code ssh} client sees (see {@link SshTarget}). */
    public SshCommandDeployer(
            CommandTemplate template,
            TargetSpec.Ssh spec,
            Path baseDir,
            Duration timeout,
            Optional<Map<String, String>> clientEnvironment) {
        this.template = template;
        this.spec = spec;
        this.baseDir = baseDir;
        this.timeout = timeout;
        this.clientEnvironment = clientEnvironment;
    }

    @Override
    public DeployOutcome deploy(DeployRequest r) throws ReleaseGuardException {
        try (SshTarget target = clientEnvironment.isPresent()
                ? new SshTarget(spec, baseDir, timeout, clientEnvironment.get())
                : new SshTarget(spec, baseDir, timeout)) {
            ExecResult result = target.exec(remoteLine(template, r));
            String text = CommandDeployer.tail(result.stdoutText() + "\n" + result.stderr());
            return new DeployOutcome(
                    result.ok(),
                    target.describe() + ": exit " + result.exitCode() + (text.isEmpty() ? "" : ": " + text));
        } catch (ReleaseGuardException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw e;
            }
            // Not an exception: the journal must record the step as failed and the service must be rolled back.
            return new DeployOutcome(false, CommandDeployer.tail(e.getMessage()));
        }
    }

    /** {@code export RELEASE_GUARD_RELEASE='v2' ...; exec './deploy.sh' 'v2'}: data only ever inside quotes. */
    static String remoteLine(CommandTemplate template, DeployRequest r) throws ReleaseGuardException {
        String exports = r.variables().entrySet().stream()
                .map(e -> e.getKey() + "=" + CommandTemplate.quote(e.getValue()))
                .collect(Collectors.joining(" "));
        return "export " + exports + "; exec " + template.shellLine(r.placeholders());
    }
}
