package io.releaseguard.engine.target;

import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.config.ReleaseGuardConfig;
import io.releaseguard.engine.config.ServiceSpec;
import io.releaseguard.engine.config.TargetSpec;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Opens the {@link Target} a service uses in an environment. Relative directories, keys and known_hosts files are
 * resolved against the policy file's directory, so a policy means the same thing wherever it is run from.
 */
@FunctionalInterface
public interface Targets {
    /** How long one file operation or restore command may take before it is killed. */
    Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

    Target open(ReleaseGuardConfig config, String environment, ServiceSpec service) throws ReleaseGuardException;

    /** As {@link #open(ReleaseGuardConfig, String, ServiceSpec)}, each operation limited to {@code timeout}. */
    default Target open(ReleaseGuardConfig config, String environment, ServiceSpec service, Duration timeout)
            throws ReleaseGuardException {
        return open(config, environment, service);
    }

    /** The real thing: {@link LocalTarget} or {@link SshTarget} from the service's {@code targets}. */
    static Targets fromConfig() {
        return new ConfigTargets(Optional.empty());
    }

    /** As {@link #fromConfig()}, the {@code ssh} client running with exactly {@code sshClientEnvironment}. */
    static Targets fromConfig(Map<String, String> sshClientEnvironment) {
        return new ConfigTargets(Optional.of(Map.copyOf(sshClientEnvironment)));
    }

    /** Targets as the policy names them; {@code sshClientEnvironment} empty: the client inherits this process's. */
    record ConfigTargets(Optional<Map<String, String>> sshClientEnvironment) implements Targets {
        @Override
        public Target open(ReleaseGuardConfig config, String environment, ServiceSpec service)
                throws ReleaseGuardException {
            return open(config, environment, service, DEFAULT_TIMEOUT);
        }

        @Override
        public Target open(ReleaseGuardConfig config, String environment, ServiceSpec service, Duration timeout)
                throws ReleaseGuardException {
            TargetSpec spec = service.targets().get(environment);
            if (spec == null) {
                throw new ReleaseGuardException(
                        ExitCode.INVALID,
                        "service " + service.name() + " has no target for environment " + environment
                                + " (add services[" + service.name() + "].targets." + environment + ")");
            }
            if (spec instanceof TargetSpec.Ssh ssh) {
                return sshClientEnvironment.isPresent()
                        ? new SshTarget(ssh, config.baseDir(), timeout, sshClientEnvironment.get())
                        : new SshTarget(ssh, config.baseDir(), timeout);
            }
            return new LocalTarget(config.baseDir().resolve(((TargetSpec.Local) spec).dir()), timeout);
        }
    }
}
