package io.releaseguard.cli;

import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.config.ConfigLoader;
import io.releaseguard.engine.config.ReleaseGuardConfig;
import io.releaseguard.engine.plan.PlanStep;
import io.releaseguard.engine.plan.Planner;
import io.releaseguard.engine.plan.PromotionPlan;
import io.releaseguard.engine.state.FileStateStore;
import io.releaseguard.engine.state.StateStore;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code release-guard demo}: a self-contained story on the bundled example policy, in a temporary folder. It
 * exits 0 only when every step turned out as designed, so it doubles as a smoke test of the whole tool.
 */
@Command(
        name = "demo",
        description = "Run the bundled demo story in a temporary folder (exit 0 only if it went as designed).")
final class DemoCommand extends Subcommand implements Callable<Integer> {
    static final String EXAMPLE = "/io/releaseguard/engine/examples/release-guard.yaml";

    /** The story happens at a fixed time (a Tuesday afternoon in Berlin) so it goes the same way every day. */
    static final java.time.Instant STORY_TIME = java.time.Instant.parse("2026-11-24T15:00:00Z");

    @Option(names = "--dir", paramLabel = "DIR", description = "work folder (default: a new temporary folder)")
    private Path dir;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = out();
        Path work = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("release-guard-demo-");
        Path policy = work.resolve("release-guard.yaml");
        try (InputStream in = DemoCommand.class.getResourceAsStream(EXAMPLE)) {
            if (in == null) {
                throw new IllegalStateException("bundled example policy missing from the jar: " + EXAMPLE);
            }
            Files.copy(in, policy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        out.println("== release-guard demo in " + work);
        out.println();
        out.println("-- 1. validate the example policy " + policy.getFileName());
        ReleaseGuardConfig config = ConfigLoader.load(policy);
        out.println("valid: path " + ValidateCommand.path(config.environments()) + "; services "
                + String.join(
                        ", ", config.services().stream().map(s -> s.name()).toList()) + "; "
                + config.freezes().size() + " freezes");
        java.time.Clock clock = java.time.Clock.fixed(STORY_TIME, java.time.ZoneOffset.UTC);
        out.println("(story time " + STORY_TIME + ", fixed so the demo runs the same way every day)");
        StateStore state = new FileStateStore(work.resolve(".release-guard"), clock);
        Planner planner = new Planner(clock);

        out.println();
        out.println(
                "-- 2. plan sha-abc1234 into " + config.environments().get(0).name() + " (dry run, nothing changes)");
        PromotionPlan entry =
                planner.plan(config, "sha-abc1234", config.environments().get(0).name(), state);
        out.print(entry.renderText());

        String last =
                config.environments().get(config.environments().size() - 1).name();
        out.println();
        out.println("-- 3. plan sha-abc1234 straight into " + last + ": refused, it has not succeeded on the way");
        PromotionPlan skip = planner.plan(config, "sha-abc1234", last, state);
        out.print(skip.renderText());

        boolean asDesigned = entry.verdict() != PlanStep.StepVerdict.BLOCKED
                && skip.verdict() == PlanStep.StepVerdict.BLOCKED
                && state.history(java.util.Optional.empty()).isEmpty();
        out.println();
        out.println(
                asDesigned
                        ? "demo: went as designed (plans only; nothing was deployed or recorded)"
                        : "demo: DID NOT go as designed");
        return asDesigned ? ExitCode.OK.code() : ExitCode.UNEXPECTED.code();
    }
}
