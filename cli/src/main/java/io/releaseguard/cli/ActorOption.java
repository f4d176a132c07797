package io.releaseguard.cli;

import picocli.CommandLine.Option;

/** {@code --actor}: who is acting, recorded in the audit log; defaults to the operating-system user. */
final class ActorOption {
    @Option(names = "--actor", paramLabel = "USER", description = "who is acting (default: the OS user)")
    private String actor;

    String actor() {
        return actor != null ? actor : System.getProperty("user.name", "unknown");
    }
}
