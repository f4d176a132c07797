package io.releaseguard.engine.deploy;

import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.config.ServiceSpec;
import io.releaseguard.engine.config.TargetSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a deploy command where the service lives in the request's environment: on the host, with {@link
 * SshCommandDeployer}, when its target there is {@link TargetSpec.Ssh}; otherwise locally in the policy's folder with
 * {@link CommandDeployer}. The choice is made per request because one service may be local in testnet and remote in
 * mainnet.
 */
public final class TargetCommandDeployer implements Deployer {
    private final ServiceSpec service;
    private final String command;
    private final Path baseDir;
    private final Map<String, String> environment;
    private final Duration timeout;
    private final boolean sshClientGetsEnvironment;

    /**
     * @param command the operator's template, parsed at deploy time so a malformed one fails that step
     * @param environment the variables a local command runs with (never sent to a remote host)
     */
    public TargetCommandDeployer(
            ServiceSpec service, String command, Path baseDir, Map<String, String> environment, Duration timeout) {
        this(service, command, baseDir, environment, timeout, false);
    }

    /**
     * As above; with {@code sshClientGetsEnvironment} the local {@code ssh} client of an SSH target also runs with
     * {@code environment} (where a Jenkins {@code sshagent} put {@code SSH_AUTH_SOCK}) instead of this process's
     * variables. The remote command still sees only the {@code RELEASE_GUARD_*} variables.
     */
    public TargetCommandDeployer(
            ServiceSpec service,
            String command,
            Path baseDir,
            Map<String, String> environment,
            Duration timeout,
            boolean sshClientGetsEnvironment) {
        this.service = service;
        this.command = command;
        this.baseDir = baseDir;
        this.environment = Map.copyOf(environment);
        this.timeout = timeout;
        this.sshClientGetsEnvironment = sshClientGetsEnvironment;
    }

    @Override
    public DeployOutcome deploy(DeployRequest r) throws ReleaseGuardException {
        CommandTemplate template = CommandTemplate.parse(command);
        Optional<TargetSpec.Ssh> ssh = service.sshTarget(r.environment());
        if (ssh.isPresent()) {
            return new SshCommandDeployer(
                            template,
                            ssh.get(),
                            baseDir,
                            timeout,
                            sshClientGetsEnvironment ? Optional.of(environment) : Optional.empty())
                    .deploy(r);
        }
        return new CommandDeployer(template, baseDir, environment, timeout).deploy(r);
    }
}
