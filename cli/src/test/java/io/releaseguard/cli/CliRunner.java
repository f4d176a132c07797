package io.releaseguard.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/** Runs the CLI in-process with a fixed clock and captures what it prints. */
final class CliRunner {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T15:00:00Z"), ZoneOffset.UTC);

    record Result(int code, String out, String err) {}

    static Result run(String... args) {
        return runWith(CLOCK, Map.of(), args);
    }

    /** Runs with a given clock and the environment that {@code ${env:NAME}} references read. */
    static Result runWith(Clock clock, Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true), clock, env);
        return new Result(code, out.toString(), err.toString());
    }

    private CliRunner() {}
}
