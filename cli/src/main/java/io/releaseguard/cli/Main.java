package io.releaseguard.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;

/** Entry point of the {@code release-guard} command-line tool. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int code = run(args, out, err, Clock.systemUTC());
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs one command line and returns its documented exit code; tests call this with their own clock. */
    public static int run(String[] args, PrintWriter out, PrintWriter err, Clock clock) {
        return run(args, out, err, clock, System.getenv());
    }

    /** Like {@link #run(String[], PrintWriter, PrintWriter, Clock)} with the environment {@code ${env:NAME}} reads. */
    public static int run(String[] args, PrintWriter out, PrintWriter err, Clock clock, Map<String, String> env) {
        return Cli.commandLine(new ReleaseGuardCommand(clock, env), args, out, err)
                .execute(args);
    }
}
