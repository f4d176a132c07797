package io.releaseguard.engine.config;

import java.util.Optional;

/** Where a service's files live in one environment: a local directory, or a directory on a host over SSH. */
public sealed interface TargetSpec {
    record Local(String dir) implements TargetSpec {}

    /**
     * A remote host reached over SSH, optionally through a bastion (ProxyJump). Host keys are always verified
     * against {@code knownHosts}; there is deliberately no switch to turn that off.
     */
    record Ssh(
            String host,
            int port,
            String user,
            Optional<String> bastion,
            String knownHosts,
            Optional<String> identity,
            String dir)
            implements TargetSpec {}
}
