package io.releaseguard.bench.health;

import com.sun.management.OperatingSystemMXBean;
import io.releaseguard.engine.JsonReports;
import io.releaseguard.engine.config.ConfigLoader;
import io.releaseguard.engine.config.ReleaseGuardConfig;
import io.releaseguard.engine.health.HealthGate;
import io.releaseguard.engine.health.HealthReport;
import io.releaseguard.engine.health.HttpHealthProbe;
import io.releaseguard.engine.health.Verdict;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The health gate as a long-lived process runs it (the Jenkins controller, where the plugin's steps call the engine):
 * each round reads the policy, builds a new probe and gate, checks every endpoint and writes the JSON report, as one
 * promotion step would; the JVM itself is already running and warm. Prints the median and worst wall and process CPU
 * time of the measured rounds. Usage: {@code InProcess CONFIG WARMUP ROUNDS}.
 */
public final class InProcess {
    private InProcess() {}

    public static void main(String[] args) throws Exception {
        Path config = Path.of(args[0]);
        int warmup = Integer.parseInt(args[1]);
        int rounds = Integer.parseInt(args[2]);
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        List<Double> walls = new ArrayList<>();
        List<Double> cpus = new ArrayList<>();
        int checks = 0;
        for (int i = 0; i < warmup + rounds; i++) {
            long cpu0 = os.getProcessCpuTime();
            long wall0 = System.nanoTime();
            ReleaseGuardConfig policy = ConfigLoader.load(config);
            HealthReport report;
            try (HttpHealthProbe probe = new HttpHealthProbe()) {
                report = new HealthGate(probe, Map.of(), 64, Duration.ofMillis(200))
                        .check(policy, "bench", Optional.empty(), Optional.empty(), Optional.empty());
            }
            String json = JsonReports.write(report);
            long wall = System.nanoTime() - wall0;
            long cpu = os.getProcessCpuTime() - cpu0;
            if (report.verdict() != Verdict.PASS || json.isEmpty()) {
                throw new IllegalStateException("round " + i + ": verdict " + report.verdict() + ", e.g. "
                        + report.checks().stream()
                                .filter(c -> c.verdict() != Verdict.PASS)
                                .limit(3)
                                .map(c -> c.url() + ": " + c.message())
                                .toList());
            }
            checks = report.checks().size();
            if (i >= warmup) {
                walls.add(wall / 1e9);
                cpus.add(cpu / 1e9);
            }
        }
        Collections.sort(walls);
        Collections.sort(cpus);
        System.out.printf(
                "in-process: %d checks per round, %d rounds after %d warm-up: wall median %.3f s (max %.3f),"
                        + " CPU median %.3f s (max %.3f)%n",
                checks,
                rounds,
                warmup,
                walls.get(walls.size() / 2),
                walls.get(walls.size() - 1),
                cpus.get(cpus.size() / 2),
                cpus.get(cpus.size() - 1));
    }
}
