package io.releaseguard.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** What every direct subcommand of {@code release-guard} needs: the global options and where to print. */
abstract class Subcommand {
    @ParentCommand
    ReleaseGuardCommand root;

    @Spec
    CommandSpec spec;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
