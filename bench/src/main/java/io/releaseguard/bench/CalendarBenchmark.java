package io.releaseguard.bench;

import io.releaseguard.engine.calendar.CalendarDecision;
import io.releaseguard.engine.calendar.DeployCalendar;
import io.releaseguard.engine.calendar.EmergencyOverride;
import io.releaseguard.engine.config.ConfigLoader;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.TimeZone;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.quartz.CronExpression;

/**
 * B3: calendar decisions per second over 50 windows and freezes in six zones, against Quartz's {@code
 * CronExpression.isSatisfiedBy} evaluating one equivalent Quartz expression per rule. Setup checks that both sides
 * agree on every sampled instant, so the two benchmarks answer the same question.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CalendarBenchmark {
    private static final String[] ZONES = {
        "Europe/Berlin", "America/New_York", "Asia/Tokyo", "UTC", "Australia/Sydney", "Asia/Kolkata"
    };
    private static final String[] DAYS = {"MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"};
    private static final int SAMPLES = 4096;

    private DeployCalendar calendar;
    private final List<CronExpression> quartzWindows = new ArrayList<>();
    private final List<CronExpression> quartzFreezes = new ArrayList<>();
    private Instant[] instants;
    private Date[] dates;
    private int next;

    @Setup
    public void setup() throws Exception {
        StringBuilder y =
                new StringBuilder("version: 1\ntimezone: UTC\nenvironments:\n  - name: mainnet\n    windows:\n");
        for (int i = 0; i < 20; i++) {
            String zone = ZONES[i % 6];
            String day = DAYS[(i % 6 + 2 * (i / 6)) % 7];
            int from = 6 + i % 8;
            int to = from + 6;
            y.append(String.format(
                    "      - { days: [%s], from: \"%02d:00\", to: \"%02d:00\", timezone: %s }%n", day, from, to, zone));
            quartzWindows.add(quartz(String.format("* * %d-%d ? * %s", from, to - 1, day), zone));
        }
        y.append("freezes:\n");
        for (int i = 0; i < 10; i++) {
            String zone = ZONES[(i + 1) % 6];
            int month = i + 1;
            y.append(String.format(
                    "  - { name: yearly-%d, yearly: { from: \"%02d-10\", to: \"%02d-%02d\" }, timezone: %s }%n",
                    i, month, month, 10 + i, zone));
            quartzFreezes.add(quartz(String.format("* * * 10-%d %d ?", 10 + i, month), zone));
        }
        for (int i = 0; i < 10; i++) {
            int month = i + 1;
            int day = 3 + i;
            y.append(String.format(
                    "  - { name: oneoff-%d, from: \"2026-%02d-%02dT00:00:00Z\", to: \"2026-%02d-%02dT00:00:00Z\" }%n",
                    i, month, day, month, day + 1));
            quartzFreezes.add(quartz(String.format("* * * %d %d ? 2026", day, month), "UTC"));
        }
        for (int i = 0; i < 10; i++) {
            String zone = ZONES[(i + 2) % 6];
            String day = DAYS[i % 7];
            int hour = 8 + i;
            y.append(String.format(
                    "  - { name: cron-%d, cron: { start: \"0 %d * * %s\", end: \"0 %d * * %s\" }, timezone: %s }%n",
                    i, hour, day, hour + 2, day, zone));
            quartzFreezes.add(quartz(String.format("* * %d-%d ? * %s", hour, hour + 1, day), zone));
        }
        calendar = DeployCalendar.compile(
                ConfigLoader.parse(y.toString(), "bench.yaml", Path.of(".")), (source, dir) -> "");
        Random random = new Random(42);
        instants = new Instant[SAMPLES];
        dates = new Date[SAMPLES];
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < SAMPLES; i++) {
            instants[i] = start.plusSeconds(random.nextInt(365 * 24 * 3600));
            dates[i] = Date.from(instants[i]);
        }
        for (int i = 0; i < SAMPLES; i++) {
            boolean ours = decide(i).isOpen();
            if (ours != quartzOpen(i)) {
                throw new IllegalStateException("release-guard and Quartz disagree at " + instants[i]);
            }
        }
    }

    private static CronExpression quartz(String expression, String zone) throws ParseException {
        CronExpression cron = new CronExpression(expression);
        cron.setTimeZone(TimeZone.getTimeZone(zone));
        return cron;
    }

    private CalendarDecision decide(int i) throws Exception {
        return calendar.decide("mainnet", instants[i], Optional.empty(), EmergencyOverride.NONE);
    }

    /** Open iff no freeze expression is satisfied and some window expression is; every rule is evaluated. */
    private boolean quartzOpen(int i) {
        Date d = dates[i];
        boolean frozen = false;
        for (CronExpression f : quartzFreezes) {
            frozen |= f.isSatisfiedBy(d);
        }
        boolean inWindow = false;
        for (CronExpression w : quartzWindows) {
            inWindow |= w.isSatisfiedBy(d);
        }
        return !frozen && inWindow;
    }

    /** A full decision: every reason, its end, and the next open instant. */
    @Benchmark
    public CalendarDecision releaseGuardDecide() throws Exception {
        next = (next + 1) & (SAMPLES - 1);
        return decide(next);
    }

    /** The same verdict from 50 Quartz expressions (no reasons, no next open instant). */
    @Benchmark
    public boolean quartzIsSatisfiedBy() {
        next = (next + 1) & (SAMPLES - 1);
        return quartzOpen(next);
    }
}
