package io.releaseguard.cli;

import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.config.ConfigException;
import io.releaseguard.engine.config.ConfigProblem;
import java.io.PrintWriter;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Builds the picocli command line and maps every failure to the documented exit codes exactly once: engine
 * exceptions carry their code, argument errors are 3, anything else is 1. Stack traces only with {@code --debug}.
 */
final class Cli {
    private Cli() {}

    static CommandLine commandLine(ReleaseGuardCommand root, String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(root);
        List<Class<?>> subcommands = invokedSubcommand(cl.getCommandSpec(), args)
                .<List<Class<?>>>map(List::of)
                .orElse(ReleaseGuardCommand.SUBCOMMANDS);
        for (Class<?> subcommand : subcommands) {
            cl.addSubcommand(subcommand);
        }
        withHelpOption(cl, Collections.newSetFromMap(new IdentityHashMap<>()));
        // After the subcommands: picocli applies these only to the subcommands registered at the time.
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> handle(e, root, commandLine.getErr()));
        cl.setParameterExceptionHandler((e, unused) -> {
            PrintWriter w = e.getCommandLine().getErr();
            w.println("error: " + e.getMessage());
            w.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
            return ExitCode.INVALID.code();
        });
        return cl;
    }

    /**
     * The subcommand picocli will run for {@code args} when that is certain without its model: the first argument that
     * is neither a top-level option nor the value of one names it. Empty whenever every subcommand may matter: no
     * subcommand, an unknown word (the error suggests others), {@code help}, {@code --help}, {@code --version}, and
     * whatever parses differently once all are registered ({@code --}, {@code @file}s, clustered or unknown options, an
     * option value that is a subcommand name or looks like an option).
     */
    static Optional<Class<?>> invokedSubcommand(CommandSpec root, String[] args) {
        String separator = root.parser().separator();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.startsWith("@")) {
                return Optional.empty();
            }
            if (!arg.startsWith("-")) {
                // A help command describes its siblings, so they must all be there.
                return named(arg).filter(c -> !CommandLine.IHelpCommandInitializable2.class.isAssignableFrom(c));
            }
            int at = arg.indexOf(separator);
            OptionSpec option = root.optionsMap().get(at > 0 ? arg.substring(0, at) : arg);
            if (option == null || option.usageHelp() || option.versionHelp()) {
                return Optional.empty();
            }
            boolean flag = option.arity().max() == 0;
            boolean oneValue = option.arity().min() == 1 && option.arity().max() == 1;
            if ((flag && at > 0) || (!flag && !oneValue)) {
                return Optional.empty();
            }
            if (oneValue) {
                String value = at > 0 ? arg.substring(at + separator.length()) : i + 1 < args.length ? args[++i] : null;
                // picocli refuses a registered subcommand's name as a value, and takes some option-like values.
                if (value == null
                        || value.startsWith("-")
                        || value.startsWith("@")
                        || named(value).isPresent()) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Class<?>> named(String word) {
        for (Class<?> subcommand : ReleaseGuardCommand.SUBCOMMANDS) {
            Command command = subcommand.getAnnotation(Command.class);
            if (command.name().equals(word) || List.of(command.aliases()).contains(word)) {
                return Optional.of(subcommand);
            }
        }
        return Optional.empty();
    }

    /**
     * Gives every (sub)command a {@code -h, --help} like the top level's, as the "Try '... --help'" hint promises; the
     * help command has its own.
     */
    private static void withHelpOption(CommandLine cl, Set<CommandLine> done) {
        if (!done.add(cl)) {
            return;
        }
        CommandSpec spec = cl.getCommandSpec();
        if (spec.findOption("--help") == null && spec.findOption("-h") == null) {
            spec.addOption(OptionSpec.builder("-h", "--help")
                    .usageHelp(true)
                    .description("Show this help message and exit.")
                    .build());
        }
        for (CommandLine sub : cl.getSubcommands().values()) {
            withHelpOption(sub, done);
        }
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
