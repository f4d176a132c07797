package io.releaseguard.bench.promotion;

import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.config.ConfigLoader;
import io.releaseguard.engine.config.ReleaseGuardConfig;
import io.releaseguard.engine.config.ServiceSpec;
import io.releaseguard.engine.fleet.Batch;
import io.releaseguard.engine.fleet.FleetBatches;
import io.releaseguard.engine.health.HttpHealthProbe;
import io.releaseguard.engine.promotion.PromoteRequest;
import io.releaseguard.engine.promotion.Promoter;
import io.releaseguard.engine.promotion.PromotionResult;
import io.releaseguard.engine.state.FileStateStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The fleet promotion benchmark: a 1,000-tenant redeploy (canary 1, batches of 50, zero soaks, one HTTP deploy and
 * one health check per tenant) through the real {@link Promoter} against {@link LoopbackTenants}. Each run, in one
 * JVM and interleaved so drift hits both alike:
 *
 * <ol>
 *   <li>baseline: the same HTTP calls issued directly, in the same shape (deploys one by one; each wave's health
 *       checks, then the final all-tenant check, {@code HealthGate.DEFAULT_CONCURRENCY} at a time) — the tenants'
 *       own latency as the promotion sees it, round trip included;
 *   <li>scenario 1: promote a good release; overhead per tenant = (promotion wall − baseline wall) / tenants;
 *   <li>scenario 2: promote a release whose health fails on one tenant of a later batch; time from the failing
 *       answer leaving the tenant (and from the gate's FAIL verdict) to the engine's "rolling back" line.
 * </ol>
 *
 * <p>Run: {@code java -jar bench/promotion/target/bench-promotion.jar [--tenants 1000] [--batch 50] [--runs 5]
 * [--warmups 2] [--fail-batch 10] [--fail-at 25] [--state-root DIR]}. The state (journal, audit log, deployments)
 * lives in a fresh directory under {@code --state-root} (default: the temporary directory) each run; every journal
 * line is forced to disk, so the disk under it matters: compare with a tmpfs such as {@code /dev/shm}.
 */
public final class PromotionBench {
    private static final String ENV = "prod";
    private static final String FLEET = "ledger";

    private PromotionBench() {}

    /** Settings from the command line. */
    record Settings(
            int tenants, int batch, int runs, int warmups, int failBatch, int failAt, Optional<Path> stateRoot) {
        static Settings parse(String[] args) {
            Optional<Path> stateRoot = Optional.empty();
            Map<String, Integer> v = new java.util.LinkedHashMap<>(Map.of(
                    "--tenants",
                    1000,
                    "--batch",
                    50,
                    "--runs",
                    5,
                    "--warmups",
                    2,
                    "--fail-batch",
                    10,
                    "--fail-at",
                    25));
            for (int i = 0; i + 1 < args.length; i += 2) {
                if (args[i].equals("--state-root")) {
                    stateRoot = Optional.of(Path.of(args[i + 1]));
                    continue;
                }
                if (!v.containsKey(args[i])) {
                    throw new IllegalArgumentException("unknown option " + args[i] + "; known: " + v.keySet());
                }
                v.put(args[i], Integer.parseInt(args[i + 1]));
            }
            return new Settings(
                    v.get("--tenants"),
                    v.get("--batch"),
                    v.get("--runs"),
                    v.get("--warmups"),
                    v.get("--fail-batch"),
                    v.get("--fail-at"),
                    stateRoot);
        }
    }

    /** One run's measurements, in nanoseconds. */
    record Sample(
            long baseline,
            long promotion,
            long serverHandling,
            long failServedToRollback,
            long verdictToRollback,
            long rollbackToFirstRedeploy,
            long failedPromotion) {}

    public static void main(String[] args) throws Exception {
        Settings s = Settings.parse(args);
        List<Sample> samples = new ArrayList<>();
        try (LoopbackTenants world = new LoopbackTenants(s.tenants(), 16);
                HttpHealthProbe probe = new HttpHealthProbe();
                DirectCalls direct = new DirectCalls()) {
            for (int i = 0; i < s.warmups() + s.runs(); i++) {
                Sample sample = runOnce(s, world, probe, direct, i);
                System.err.printf(
                        "%s %d: baseline %.0f ms, promotion %.0f ms, fail→rollback %.2f ms%n",
                        i < s.warmups() ? "warm-up" : "run",
                        i,
                        ms(sample.baseline()),
                        ms(sample.promotion()),
                        ms(sample.failServedToRollback()));
                if (i >= s.warmups()) {
                    samples.add(sample);
                }
            }
        }
        report(s, samples);
    }

    private static Sample runOnce(Settings s, LoopbackTenants world, HttpHealthProbe probe, DirectCalls direct, int i)
            throws IOException, ReleaseGuardException, InterruptedException {
        String initial = release(i, 0);
        String good = release(i, 1);
        String bad = release(i, 2);
        Path dir = s.stateRoot().isPresent()
                ? Files.createTempDirectory(s.stateRoot().get(), "rg-bench-promotion")
                : Files.createTempDirectory("rg-bench-promotion");
        try {
            ReleaseGuardConfig config = ConfigLoader.parse(policy(world.base(), s), "release-guard.yaml", dir);
            ServiceSpec fleet = config.service(FLEET).orElseThrow();
            List<Batch> batches =
                    FleetBatches.plan(world.tenants(), fleet.fleet().orElseThrow());

            world.reset(initial);
            long baseline = direct.replay(world.base(), batches, good);

            world.reset(initial);
            Promoter promoter = promoter(config, dir, probe, line -> {});
            long t0 = System.nanoTime();
            PromotionResult ok = promote(promoter, good);
            long promotion = System.nanoTime() - t0;
            long handling = world.handlingNanos();
            require(ok.outcome() == PromotionResult.Outcome.SUCCEEDED, ok);
            require(world.tenants().stream().allMatch(t -> world.versionOf(t).equals(good)), ok);

            String victim = batches.get(s.failBatch()).tenants().get(s.failAt() - 1);
            world.breakOn(victim, bad, good);
            ProgressClock marks = new ProgressClock();
            Promoter failing = promoter(config, dir, probe, marks::accept);
            long t1 = System.nanoTime();
            PromotionResult rolled = promote(failing, bad);
            long failed = System.nanoTime() - t1;
            require(rolled.outcome() == PromotionResult.Outcome.ROLLED_BACK, rolled);
            require(world.versionOf(victim).equals(good), rolled);
            long served = world.failServedAt().orElseThrow();
            long redeploy = world.rollbackDeployAt().orElseThrow();
            return new Sample(
                    baseline,
                    promotion,
                    handling,
                    marks.rollingBack() - served,
                    marks.rollingBack() - marks.verdict(),
                    redeploy - marks.rollingBack(),
                    failed);
        } finally {
            deleteTree(dir);
        }
    }

    private static Promoter promoter(
            ReleaseGuardConfig config, Path dir, HttpHealthProbe probe, java.util.function.Consumer<String> progress)
            throws ReleaseGuardException {
        Path stateDir = dir.resolve(FileStateStore.DEFAULT_DIR);
        return new Promoter(BenchWiring.context(
                config, new FileStateStore(stateDir, Clock.systemUTC()), stateDir, probe, progress));
    }

    private static PromotionResult promote(Promoter promoter, String release) throws ReleaseGuardException {
        return promoter.promote(new PromoteRequest(release, ENV, "bench", "tag:" + release, Optional.empty(), false));
    }

    private static void require(boolean condition, PromotionResult r) {
        if (!condition) {
            throw new IllegalStateException("unexpected promotion result " + r.outcome() + ": " + r.message());
        }
    }

    /** Distinct SHA-style releases per run: {@code sha-<7 hex>}. */
    private static String release(int run, int which) {
        return String.format("sha-%07x", 0xa000000 + run * 4 + which);
    }

    static String policy(String base, Settings s) {
        return """
                version: 1
                environments:
                  - name: %2$s
                    killSwitch: { env: RG_BENCH_KILL }
                services:
                  - name: %3$s
                    tenantsUrl: { %2$s: "%1$s/tenants" }
                    fleet: { canary: 1, canarySoak: 0s, batchSize: %4$d, soakBetweenBatches: 0s }
                    health:
                      - name: ready
                        path: /health
                        json:
                          - { pointer: /status, equals: ok }
                          - { pointer: /version, equals: "${release}" }
                    deploy:
                      http: { url: "%1$s/deploy/{tenant}", body: '{"target_tag":"{release}"}' }
                """
                .formatted(base, ENV, FLEET, s.batch());
    }

    private static void report(Settings s, List<Sample> samples) {
        System.out.printf(
                "fleet promotion: %d tenants, canary 1, batches of %d, zero soak; %d runs after %d warm-up(s);"
                        + " failure on tenant %d of batch %d; state under %s%n",
                s.tenants(),
                s.batch(),
                samples.size(),
                s.warmups(),
                s.failAt(),
                s.failBatch(),
                s.stateRoot().map(Path::toString).orElse(System.getProperty("java.io.tmpdir")));
        System.out.printf("%-52s %10s %10s%n", "metric", "median", "p95");
        row("promotion wall, good release (ms)", samples, x -> ms(x.promotion()));
        row("baseline: same HTTP calls issued directly (ms)", samples, x -> ms(x.baseline()));
        row("server-side handling, deploy+health (ms, summed)", samples, x -> ms(x.serverHandling()));
        row("orchestration overhead per tenant (ms)", samples, x -> ms(x.promotion() - x.baseline()) / s.tenants());
        row("failing health answer -> rollback start (ms)", samples, x -> ms(x.failServedToRollback()));
        row("  of which gate FAIL verdict -> rollback start (ms)", samples, x -> ms(x.verdictToRollback()));
        row("rollback start -> first redeploy at tenant (ms)", samples, x -> ms(x.rollbackToFirstRedeploy()));
        row("promotion wall, failing release incl. rollback (ms)", samples, x -> ms(x.failedPromotion()));
    }

    private static void row(String label, List<Sample> samples, java.util.function.ToDoubleFunction<Sample> f) {
        double[] v = samples.stream().mapToDouble(f).sorted().toArray();
        System.out.printf("%-52s %10.3f %10.3f%n", label, percentile(v, 50), percentile(v, 95));
    }

    /** Nearest-rank percentile of sorted values (with 5 runs, p95 is the slowest). */
    static double percentile(double[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Notes when the rollout reported a failed wave and when it started rolling back. */
    private static final class ProgressClock {
        private volatile long verdict;
        private volatile long rollingBack;

        void accept(String line) {
            long now = System.nanoTime();
            if (line.endsWith("FAILED") && verdict == 0) {
                verdict = now;
            } else if (line.contains(": rolling back") && rollingBack == 0) {
                rollingBack = now;
            }
        }

        long verdict() {
            if (verdict == 0) {
                throw new IllegalStateException("no failed wave was reported");
            }
            return verdict;
        }

        long rollingBack() {
            if (rollingBack == 0) {
                throw new IllegalStateException("no rollback was reported");
            }
            return rollingBack;
        }
    }
}
