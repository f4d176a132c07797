package io.releaseguard.cli;

import io.releaseguard.engine.JsonReports;
import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.config.ReleaseGuardConfig;
import io.releaseguard.engine.train.FileRcLedger;
import io.releaseguard.engine.train.JGitTagRepository;
import io.releaseguard.engine.train.RcStatus;
import io.releaseguard.engine.train.ReleaseCandidates;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code release-guard rc ...}: the release-candidate lifecycle (cut, approve, promote, status). */
@Command(
        name = "rc",
        description = "Release candidates: cut (abandons the open one), approve, promote to final, status.",
        subcommands = {RcCommands.Cut.class, RcCommands.Approve.class, RcCommands.Promote.class, RcCommands.Status.class
        })
final class RcCommands extends Subcommand implements Runnable {
    @Mixin
    RepositoryOption repository;

    @Override
    public void run() {
        spec.commandLine().usage(out());
    }

    /** What every {@code rc} subcommand shares. */
    abstract static class RcSubcommand implements Callable<Integer> {
        @ParentCommand
        RcCommands rc;

        @Spec
        CommandSpec spec;

        @Option(names = "--rc", paramLabel = "NAME", description = "the candidate (default: the latest)")
        String candidate;

        @Override
        public Integer call() throws Exception {
            ReleaseGuardCommand root = rc.root;
            ReleaseGuardConfig config = root.loadConfig();
            try (JGitTagRepository repository = rc.repository.open(config)) {
                ReleaseCandidates rcs = new ReleaseCandidates(
                        config, repository, new FileRcLedger(root.stateDir()), root.state(), root.clock());
                RcStatus status = run(rcs, Optional.ofNullable(candidate));
                spec.commandLine().getOut().println(root.json() ? JsonReports.write(status) : status.message());
                return 0;
            }
        }

        abstract RcStatus run(ReleaseCandidates rcs, Optional<String> candidate) throws ReleaseGuardException;

        static String osUser() {
            return System.getProperty("user.name", "unknown");
        }
    }

    @Command(name = "cut", description = "Tag the next candidate (rc.N+1) and abandon the open one.")
    static final class Cut extends RcSubcommand {
        @Option(names = "--version", paramLabel = "Y.M.P", description = "default: the open candidate's, else next")
        String version;

        @Option(names = "--commit", paramLabel = "REV", description = "default: HEAD")
        String commit;

        @Option(names = "--as", paramLabel = "USER", description = "who cuts (default: the OS user)")
        String actor;

        @Override
        RcStatus run(ReleaseCandidates rcs, Optional<String> candidate) throws ReleaseGuardException {
            return rcs.cut(Optional.ofNullable(version), Optional.ofNullable(commit), actor == null ? osUser() : actor);
        }
    }

    @Command(name = "approve", description = "Approve the open candidate. Exit 2 for non-approvers or closed RCs.")
    static final class Approve extends RcSubcommand {
        @Option(names = "--as", required = true, paramLabel = "USER", description = "the approving user's id")
        String user;

        @Override
        RcStatus run(ReleaseCandidates rcs, Optional<String> candidate) throws ReleaseGuardException {
            return rcs.approve(user, candidate);
        }
    }

    @Command(name = "promote", description = "Tag the final version on the RC's commit once every group approved.")
    static final class Promote extends RcSubcommand {
        @Option(names = "--as", paramLabel = "USER", description = "who promotes (default: the OS user)")
        String actor;

        @Override
        RcStatus run(ReleaseCandidates rcs, Optional<String> candidate) throws ReleaseGuardException {
            return rcs.promote(candidate, actor == null ? osUser() : actor);
        }
    }

    @Command(name = "status", description = "Show a candidate's approvals and what is missing.")
    static final class Status extends RcSubcommand {
        @Override
        RcStatus run(ReleaseCandidates rcs, Optional<String> candidate) throws ReleaseGuardException {
            return rcs.status(candidate);
        }
    }
}
