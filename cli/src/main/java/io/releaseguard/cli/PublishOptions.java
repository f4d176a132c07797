package io.releaseguard.cli;

import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --push}, {@code --remote} and {@code --dry-run} of the commands that create train tags. */
final class PublishOptions {
    @Option(names = "--push", description = "push the tag (compare-and-swap: refused if the remote has it)")
    boolean push;

    @Option(names = "--remote", paramLabel = "NAME", defaultValue = "origin", description = "default: origin")
    String remote;

    @Option(names = "--dry-run", description = "check and print the tag; change nothing")
    boolean dryRun;

    /** The remote to push to, when pushing. */
    Optional<String> pushTo() {
        return push ? Optional.of(remote) : Optional.empty();
    }
}
