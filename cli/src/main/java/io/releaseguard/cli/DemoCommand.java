package io.releaseguard.cli;

import io.releaseguard.cli.demo.Breakage;
import io.releaseguard.cli.demo.DemoPolicy;
import io.releaseguard.cli.demo.DemoWorld;
import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.approval.Approvals;
import io.releaseguard.engine.audit.AuditRecord;
import io.releaseguard.engine.audit.AuditVerification;
import io.releaseguard.engine.audit.AuditVerifier;
import io.releaseguard.engine.config.ConfigLoader;
import io.releaseguard.engine.config.ReleaseGuardConfig;
import io.releaseguard.engine.plan.Planner;
import io.releaseguard.engine.promotion.PromoteRequest;
import io.releaseguard.engine.promotion.Promoter;
import io.releaseguard.engine.promotion.PromotionResult;
import io.releaseguard.engine.promotion.PromotionResult.Outcome;
import io.releaseguard.engine.promotion.PromotionWiring;
import io.releaseguard.engine.report.HtmlReport;
import io.releaseguard.engine.state.Decision;
import io.releaseguard.engine.state.FileStateStore;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code release-guard demo}: the visible story on a loopback world (services, a 12-tenant fleet, a control plane)
 * with the real engine: plan, testnet, mainnet blocked by a freeze, the window and missing approvals, approvals,
 * canary and batches, same-SHA check, then a broken release rolled back with a review drafted. Story time is a
 * fixed clock that jumps when the story says so; it exits 0 only when every step turned out as designed.
 */
@Command(name = "demo", description = "Run the demo story on loopback services (exit 0 only if it went as designed).")
final class DemoCommand extends Subcommand implements Callable<Integer> {
    static final String EXAMPLE = "/io/releaseguard/engine/examples/release-guard.yaml";
    static final Instant STORY_TIME = Instant.parse("2026-12-22T10:00:00Z");
    static final Instant AFTER_FREEZE = Instant.parse("2027-01-06T13:30:00Z");
    static final String R1 = "sha-1a2b3c4";
    static final String R2 = "sha-9d8c7b6";

    @Option(names = "--dir", paramLabel = "DIR", description = "work folder (default: a new temporary folder)")
    private Path dir;

    private final List<String> failures = new ArrayList<>();
    private final List<HtmlReport.Section> sections = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = out();
        Path work = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("release-guard-demo-");
        StoryClock clock = new StoryClock(STORY_TIME);
        try (DemoWorld world = DemoWorld.start()) {
            Path policy = DemoPolicy.write(world, work);
            Path stateDir = work.resolve(".release-guard");
            FileStateStore state = new FileStateStore(stateDir, clock);
            ReleaseGuardConfig config = ConfigLoader.load(policy);
            out.println("== release-guard demo in " + work);
            out.println("   " + world.services().size() + " services and a "
                    + world.tenantNames("testnet").size() + "-tenant fleet (" + world.fleet()
                    + ") on 127.0.0.1 per environment, plus a control plane");
            out.println("   policy: " + policy + " (valid: " + ValidateCommand.path(config.environments()) + ")");

            chapter(out, clock, "1. plan " + R1 + " into mainnet (dry run, nothing changes)");
            out.print(new Planner(clock).plan(config, R1, "mainnet", state).renderText());

            chapter(out, clock, "2. promote " + R1 + " through local and testnet");
            expect(promote(out, config, state, stateDir, clock, R1, "local"), Outcome.SUCCEEDED, "local");
            expect(promote(out, config, state, stateDir, clock, R1, "testnet"), Outcome.SUCCEEDED, "testnet");

            chapter(out, clock, "3. promote " + R1 + " to mainnet during the year-end freeze");
            PromotionResult blocked = promote(out, config, state, stateDir, clock, R1, "mainnet");
            expect(blocked, Outcome.BLOCKED, "mainnet in the freeze");
            require(
                    blocked.message().contains("FREEZE") && blocked.message().contains("awaiting approvals (0/2)"),
                    "mainnet blocked by the freeze and by missing approvals");

            chapter(out, clock, "4. approvals: the requester may not approve; two leads do");
            Approvals approvals = new Approvals(config, state, clock);
            try {
                approvals.decide(blocked.promotionId(), "zoe", Decision.APPROVE, "");
                failures.add("self-approval was accepted");
            } catch (ReleaseGuardException e) {
                out.println("   zoe: " + e.getMessage());
            }
            out.println("   alice: "
                    + approvals
                            .decide(blocked.promotionId(), "alice", Decision.APPROVE, "lgtm")
                            .message());
            out.println("   bob:   "
                    + approvals
                            .decide(blocked.promotionId(), "bob", Decision.APPROVE, "ship it")
                            .message());

            clock.set(AFTER_FREEZE);
            chapter(out, clock, "5. after the freeze, inside the mainnet window: canary, batches, same-SHA check");
            PromotionResult live = promote(out, config, state, stateDir, clock, R1, "mainnet");
            expect(live, Outcome.SUCCEEDED, "mainnet after approvals");
            require(live.promotionId().equals(blocked.promotionId()), "the blocked promotion resumed");

            chapter(out, clock, "6. release " + R2 + " breaks " + world.fleet() + ": health FAIL, automatic rollback");
            world.breakRelease(world.fleet(), R2, Breakage.WRONG_JSON);
            expect(promote(out, config, state, stateDir, clock, R2, "local"), Outcome.SUCCEEDED, "local " + R2);
            PromotionResult broken = promote(out, config, state, stateDir, clock, R2, "testnet");
            expect(broken, Outcome.ROLLED_BACK, "testnet " + R2);
            require(
                    world.tenantNames("testnet").stream().allMatch(t -> world.releaseOf("testnet", world.fleet(), t)
                            .equals(R1)),
                    "every testnet tenant back on " + R1);

            Path report = work.resolve("report.html");
            Files.writeString(report, HtmlReport.render("release-guard demo", sections), StandardCharsets.UTF_8);
            AuditVerification audit = AuditVerifier.verify(state.audit(), stateDir, Optional.of(config));
            require(audit.ok(), "the audit log's hash chain and the manifests' anchors verify");
            out.println();
            out.println("== written");
            out.println("   audit log:        " + stateDir.resolve("audit.jsonl") + " (" + audit.records()
                    + " records, hash chain and " + audit.anchors() + " manifest anchors verified)");
            live.manifest().ifPresent(m -> out.println("   manifest:         " + m));
            broken.manifest().ifPresent(m -> out.println("   manifest:         " + m));
            broken.review()
                    .ifPresent(
                            r -> out.println("   review draft:     " + stateDir.resolve("reviews") + " (" + r + ")"));
            out.println("   HTML report:      " + report);
            out.println("   notifications:    " + world.webhookPayloads().size() + " webhook calls received");
        }
        out.println();
        if (failures.isEmpty()) {
            out.println("demo: went as designed");
            return ExitCode.OK.code();
        }
        out.println("demo: DID NOT go as designed:");
        failures.forEach(f -> out.println("  - " + f));
        return ExitCode.UNEXPECTED.code();
    }

    private PromotionResult promote(
            PrintWriter out,
            ReleaseGuardConfig config,
            FileStateStore state,
            Path stateDir,
            StoryClock clock,
            String release,
            String env)
            throws Exception {
        out.println("-> promote " + release + " to " + env + " as zoe");
        try (PromotionWiring wiring = new PromotionWiring(
                config,
                state,
                stateDir,
                clock,
                Map.of(),
                d -> {
                    Thread.sleep(Math.min(d.toMillis(), 1000));
                    clock.advance(d);
                },
                line -> {
                    out.println("   " + line);
                    out.flush();
                })) {
            PromotionResult r = new Promoter(wiring.context())
                    .promote(new PromoteRequest(release, env, "zoe", "tag:" + release, Optional.empty(), false));
            out.println("   " + r.renderText().replace("\n", "\n   "));
            List<AuditRecord> records = state.audit().read().records().stream()
                    .filter(a -> r.promotionId().equals(a.subject()))
                    .toList();
            sections.add(new HtmlReport.Section(
                    r.promotionId(),
                    release + " -> " + env + " at " + clock.instant(),
                    r.outcome().name(),
                    records));
            return r;
        }
    }

    private static void chapter(PrintWriter out, StoryClock clock, String title) {
        out.println();
        out.println("-- " + title + "   [story time " + clock.instant() + "]");
    }

    private void expect(PromotionResult r, Outcome outcome, String what) {
        require(
                r.outcome() == outcome,
                what + ": expected " + outcome + ", got " + r.outcome() + " (" + r.message() + ")");
    }

    private void require(boolean condition, String what) {
        if (!condition) {
            failures.add(what);
        }
    }
}
