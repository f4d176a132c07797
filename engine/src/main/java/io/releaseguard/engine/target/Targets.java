package io.releaseguard.engine.target;

import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.config.ReleaseGuardConfig;
import io.releaseguard.engine.config.ServiceSpec;
import io.releaseguard.engine.config.TargetSpec;
import java.time.Duration;

/**
 * Opens the {@link Target} a service uses in an environment. Relative directories, keys and known_hosts files are
 * resolved against the policy file's directory, so a policy means the same thing wherever it is run from.
 */
@FunctionalInterface
public interface Targets {
    /** How long one file operation or restore command may take before it is killed. */
    Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

    Target open(ReleaseGuardConfig config, String environment, ServiceSpec service) throws ReleaseGuardException;

    /** The real thing: {@link LocalTarget} or {@link SshTarget} from the service's {@code targets}. */
    static Targets fromConfig() {
        return (config, environment, service) -> {
            TargetSpec spec = service.targets().get(environment);
            if (spec == null) {
                throw new ReleaseGuardException(
                        ExitCode.INVALID,
                        "service " + service.name() + " has no target for environment " + environment
                                + " (add services[" + service.name() + "].targets." + environment + ")");
            }
            if (spec instanceof TargetSpec.Ssh ssh) {
                return new SshTarget(ssh, config.baseDir(), DEFAULT_TIMEOUT);
            }
            return new LocalTarget(config.baseDir().resolve(((TargetSpec.Local) spec).dir()), DEFAULT_TIMEOUT);
        };
    }
}
