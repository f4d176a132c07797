package io.releaseguard.cli;

import io.releaseguard.engine.JsonReports;
import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.calendar.DeployCalendar;
import io.releaseguard.engine.calendar.HttpAndFileIcsFetcher;
import io.releaseguard.engine.config.ReleaseGuardConfig;
import io.releaseguard.engine.train.FreezeCheck;
import io.releaseguard.engine.train.IncidentReview;
import io.releaseguard.engine.train.JGitTagRepository;
import io.releaseguard.engine.train.TrainCalendar;
import io.releaseguard.engine.train.TrainCalendarExport;
import io.releaseguard.engine.train.TrainCut;
import io.releaseguard.engine.train.TrainReport;
import io.releaseguard.engine.train.TrainTag;
import io.releaseguard.engine.train.Trains;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code release-guard train ...}: release-train tags, promotions, the train calendar and the success report. */
@Command(
        name = "train",
        description = "Release trains: tags per track, promotions, the calendar and the success report.",
        subcommands = {
            TrainCommands.NextTag.class,
            TrainCommands.Cut.class,
            TrainCommands.Promote.class,
            TrainCommands.Calendar.class,
            TrainCommands.Report.class
        })
final class TrainCommands extends Subcommand implements Runnable {
    @Mixin
    RepositoryOption repository;

    @Option(
            names = "--as",
            scope = picocli.CommandLine.ScopeType.INHERIT,
            paramLabel = "USER",
            description = "who acts, for the audit log (default: the OS user)")
    String actor;

    @Override
    public void run() {
        spec.commandLine().usage(out());
    }

    /** Opens the engine over the policy, the repository and the state directory. */
    Trains trains(JGitTagRepository repository, ReleaseGuardConfig config) throws ReleaseGuardException {
        return new Trains(config, repository, root.state(), root.clock(), actor());
    }

    String actor() {
        return actor != null ? actor : System.getProperty("user.name", "unknown");
    }

    /** The deploy calendar's freezes, which skip the trains they cover. */
    static FreezeCheck freezes(ReleaseGuardConfig config) throws ReleaseGuardException {
        return FreezeCheck.of(DeployCalendar.compile(config, new HttpAndFileIcsFetcher(WindowCommand.ICS_TIMEOUT)));
    }

    /** What every {@code train} subcommand shares. */
    abstract static class TrainSubcommand implements Callable<Integer> {
        @ParentCommand
        TrainCommands train;

        @Spec
        CommandSpec spec;

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        ReleaseGuardCommand root() {
            return train.root;
        }

        @Override
        public Integer call() throws Exception {
            ReleaseGuardConfig config = root().loadConfig();
            try (JGitTagRepository repository = train.repository.open(config)) {
                return run(config, repository, train.trains(repository, config));
            }
        }

        abstract Integer run(ReleaseGuardConfig config, JGitTagRepository repository, Trains trains)
                throws ReleaseGuardException;

        int print(TrainCut cut) {
            out().println(root().json() ? JsonReports.write(cut) : cut.message());
            return 0;
        }
    }

    @Command(name = "next-tag", description = "Print the tag the next train of a track would get.")
    static final class NextTag extends TrainSubcommand {
        @Option(names = "--track", required = true, paramLabel = "TRACK")
        String track;

        @Override
        Integer run(ReleaseGuardConfig config, JGitTagRepository repository, Trains trains)
                throws ReleaseGuardException {
            TrainTag tag = trains.nextTag(track);
            out().println(root().json() ? JsonReports.write(java.util.Map.of("tag", tag.name())) : tag.name());
            return 0;
        }
    }

    @Command(
            name = "cut",
            description = "Cut the next tag of a track (dev: branch tip; promotion-fed: newest soaked source tag;"
                    + " hotfix: --commit or HEAD on top of the source track's tag). Exit 2 when blocked.")
    static final class Cut extends TrainSubcommand {
        @Option(names = "--track", required = true, paramLabel = "TRACK")
        String track;

        @Option(names = "--commit", paramLabel = "REV", description = "commit to tag instead of the default")
        String commit;

        @Mixin
        PublishOptions publish;

        @Override
        Integer run(ReleaseGuardConfig config, JGitTagRepository repository, Trains trains)
                throws ReleaseGuardException {
            return print(trains.cut(track, Optional.ofNullable(commit), publish.dryRun, publish.pushTo()));
        }
    }

    @Command(
            name = "promote",
            description = "Promote a tag to the track it promotes to, after its soak; records promoted-from.")
    static final class Promote extends TrainSubcommand {
        @Option(names = "--from-tag", required = true, paramLabel = "TAG")
        String fromTag;

        @Option(names = "--to-track", required = true, paramLabel = "TRACK")
        String toTrack;

        @Mixin
        PublishOptions publish;

        @Override
        Integer run(ReleaseGuardConfig config, JGitTagRepository repository, Trains trains)
                throws ReleaseGuardException {
            return print(trains.promote(fromTag, toTrack, publish.dryRun, publish.pushTo()));
        }
    }

    @Command(
            name = "calendar",
            description = "List the next trains per track with UTC and local time, on-call and skips.")
    static final class Calendar implements Callable<Integer> {
        @ParentCommand
        TrainCommands train;

        @Spec
        CommandSpec spec;

        @Option(names = "--count", defaultValue = "4", paramLabel = "N", description = "trains per track (default 4)")
        int count;

        @Option(
                names = "--format",
                defaultValue = "md",
                paramLabel = "FORMAT",
                description = "md (default), ics or json")
        TrainCalendarExport.Format format;

        @Override
        public Integer call() throws Exception {
            if (count < 1 || count > 520) {
                throw new ReleaseGuardException(
                        io.releaseguard.engine.ExitCode.INVALID, "--count must be between 1 and 520, not " + count);
            }
            ReleaseGuardConfig config = train.root.loadConfig();
            TrainCalendar calendar = TrainCalendar.of(
                    Trains.requireTrains(config), train.root.clock().instant(), count, freezes(config));
            spec.commandLine().getOut().print(TrainCalendarExport.render(calendar, format));
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    @Command(name = "report", description = "Release-train success metrics since a date, each defined in the output.")
    static final class Report extends TrainSubcommand {
        @Option(names = "--since", required = true, paramLabel = "DATE", description = "YYYY-MM-DD")
        LocalDate since;

        @Option(
                names = "--reviews",
                paramLabel = "DIR",
                description = "more post-incident reviews: dated Markdown files (YYYY-MM-DD*.md), besides those"
                        + " 'release-guard pir' tracks")
        Path reviews;

        @Override
        Integer run(ReleaseGuardConfig config, JGitTagRepository repository, Trains trains)
                throws ReleaseGuardException {
            TrainReport report = trains.report(
                    since,
                    root().stateDir(),
                    reviews == null ? List.of() : IncidentReview.read(reviews),
                    freezes(config));
            out().print(root().json() ? JsonReports.write(report) + "\n" : report.text());
            return 0;
        }
    }
}
