package io.releaseguard.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * A cross-check of {@link CalendarBenchmark} for busy machines: alternates short slices of the two benchmarks and
 * counts operations per second of this thread's CPU time, so load from other processes slows both sides alike.
 * Prints the median of each side and their ratio. Run: {@code java -cp bench/target/benchmarks.jar
 * io.releaseguard.bench.InterleavedRatio [rounds]}.
 */
public final class InterleavedRatio {
    private static final long SLICE_NANOS = 200_000_000L;
    private static volatile long consumed;

    private InterleavedRatio() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        CalendarBenchmark bench = new CalendarBenchmark();
        bench.setup();
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        double[] ours = new double[rounds];
        double[] quartz = new double[rounds];
        long sink = 0;
        for (int warm = 0; warm < 5; warm++) {
            sink += slice(bench, cpu, true)[0] + slice(bench, cpu, false)[0];
        }
        for (int r = 0; r < rounds; r++) {
            long[] a = slice(bench, cpu, true);
            long[] b = slice(bench, cpu, false);
            ours[r] = a[0] * 1e9 / a[1];
            quartz[r] = b[0] * 1e9 / b[1];
            sink += a[0] + b[0];
        }
        double o = median(ours);
        double q = median(quartz);
        System.out.printf(
                "releaseGuardDecide %.0f ops/cpu-s, quartzIsSatisfiedBy %.0f ops/cpu-s, ratio %.1fx (%d rounds, %d)%n",
                o, q, o / q, rounds, (sink + consumed) % 10);
    }

    /** Runs one side for about {@link #SLICE_NANOS} of CPU time; returns {operations, cpu nanos}. */
    private static long[] slice(CalendarBenchmark bench, ThreadMXBean cpu, boolean ours) throws Exception {
        long start = cpu.getCurrentThreadCpuTime();
        long ops = 0;
        long elapsed;
        do {
            for (int i = 0; i < 64; i++) {
                // Consume every answer so the JIT cannot drop the work.
                consumed += ours ? bench.releaseGuardDecide().reasons().size() : bench.quartzIsSatisfiedBy() ? 1 : 0;
            }
            ops += 64;
            elapsed = cpu.getCurrentThreadCpuTime() - start;
        } while (elapsed < SLICE_NANOS);
        return new long[] {ops, elapsed};
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
