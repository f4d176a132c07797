package io.releaseguard.cli;

import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.config.ReleaseGuardConfig;
import io.releaseguard.engine.train.JGitTagRepository;
import io.releaseguard.engine.train.Trains;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code --repo DIR} for the commands that tag: the repository, default {@code git.repository} of the policy. */
final class RepositoryOption {
    @Option(
            names = "--repo",
            scope = ScopeType.INHERIT,
            paramLabel = "DIR",
            description = "git repository (default: git.repository of the policy, else .)")
    Path repo;

    JGitTagRepository open(ReleaseGuardConfig config) throws ReleaseGuardException {
        return JGitTagRepository.open(Trains.repository(config, Optional.ofNullable(repo)));
    }
}
