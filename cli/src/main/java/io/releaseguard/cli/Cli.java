package io.releaseguard.cli;

import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.config.ConfigException;
import io.releaseguard.engine.config.ConfigProblem;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Builds the picocli command line and maps every failure to the documented exit codes exactly once: engine
 * exceptions carry their code, argument errors are 3, anything else is 1. Stack traces only with {@code --debug}.
 */
final class Cli {
    private Cli() {}

    static CommandLine commandLine(ReleaseGuardCommand root, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(root);
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> handle(e, root, commandLine.getErr()));
        cl.setParameterExceptionHandler((e, args) -> {
            PrintWriter w = e.getCommandLine().getErr();
            w.println("error: " + e.getMessage());
            w.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
            return ExitCode.INVALID.code();
        });
        return cl;
    }

    static int handle(Exception e, ReleaseGuardCommand root, PrintWriter err) {
        if (e instanceof ConfigException ce) {
            for (ConfigProblem p : ce.problems()) {
                err.println(p.format());
            }
            err.println("error: invalid configuration: " + ce.problems().size() + " problem"
                    + (ce.problems().size() == 1 ? "" : "s"));
            debug(e, root, err);
            return ExitCode.INVALID.code();
        }
        if (e instanceof ReleaseGuardException rge) {
            err.println("error: " + rge.getMessage());
            debug(e, root, err);
            return rge.exitCode().code();
        }
        err.println("error: unexpected " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        if (!root.debug()) {
            err.println("(run with --debug for the stack trace)");
        }
        debug(e, root, err);
        return ExitCode.UNEXPECTED.code();
    }

    private static void debug(Exception e, ReleaseGuardCommand root, PrintWriter err) {
        if (root.debug()) {
            e.printStackTrace(err);
        }
    }
}
