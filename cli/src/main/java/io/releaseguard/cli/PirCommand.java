package io.releaseguard.cli;

import io.releaseguard.engine.JsonReports;
import io.releaseguard.engine.pir.PostIncidentReview;
import io.releaseguard.engine.pir.PostIncidentReviews;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code release-guard pir list|close}: post-incident reviews drafted by rollbacks and emergency overrides. */
@Command(
        name = "pir",
        description = "Post-incident reviews.",
        subcommands = {PirCommand.ListReviews.class, PirCommand.Close.class})
final class PirCommand {
    @ParentCommand
    ReleaseGuardCommand root;

    @Command(name = "list", description = "List open reviews (overdue ones marked); --all includes closed ones.")
    static final class ListReviews implements Callable<Integer> {
        @ParentCommand
        private PirCommand pir;

        @Spec
        private picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--all", description = "include closed reviews")
        private boolean all;

        @Override
        public Integer call() throws Exception {
            PostIncidentReviews reviews = Engines.reviews(pir.root);
            List<PostIncidentReview> list = all ? reviews.list() : reviews.open();
            Instant now = reviews.now();
            PrintWriter out = spec.commandLine().getOut();
            if (pir.root.json()) {
                out.println(JsonReports.write(list.stream()
                        .map(r -> Map.of("review", r, "overdue", r.overdue(now)))
                        .toList()));
                return 0;
            }
            if (list.isEmpty()) {
                out.println("no " + (all ? "" : "open ") + "post-incident reviews");
            }
            for (PostIncidentReview r : list) {
                String state = r.status() == PostIncidentReview.Status.CLOSED
                        ? "closed by " + r.closedBy()
                        : r.overdue(now) ? "OVERDUE" : "open";
                out.printf("%-40s %-10s %-24s due %s  %s%n", r.id(), r.environment(), r.release(), r.due(), state);
            }
            return 0;
        }
    }

    @Command(name = "close", description = "Close a review once it has been held.")
    static final class Close implements Callable<Integer> {
        @ParentCommand
        private PirCommand pir;

        @Spec
        private picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--id", required = true, paramLabel = "ID", description = "review id")
        private String id;

        @Option(names = "--by", required = true, paramLabel = "USER", description = "who held the review")
        private String by;

        @Override
        public Integer call() throws Exception {
            PostIncidentReview r = Engines.reviews(pir.root).close(id, by);
            spec.commandLine().getOut().println("closed " + r.id() + " by " + r.closedBy() + " at " + r.closedAt());
            return 0;
        }
    }
}
