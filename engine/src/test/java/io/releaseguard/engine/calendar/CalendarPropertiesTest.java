package io.releaseguard.engine.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseguard.engine.config.ConfigLoader;
import io.releaseguard.engine.config.EmergencyPolicy;
import io.releaseguard.engine.config.EnvironmentSpec;
import io.releaseguard.engine.config.FreezeRule;
import io.releaseguard.engine.config.FreezeSpec;
import io.releaseguard.engine.config.ReleaseGuardConfig;
import io.releaseguard.engine.config.WindowSpec;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Random policies, instants and last deployments. With fixed-offset zones the verdict is compared with an
 * independent oracle (local-time arithmetic and minute-by-minute cron matching); with daylight-saving zones,
 * {@code nextOpen} must be OPEN and every sampled instant before it BLOCKED.
 */
class CalendarPropertiesTest {
    private static final List<String> FIXED_ZONES = List.of("UTC", "Asia/Kolkata", "Asia/Tokyo");
    private static final List<String> DST_ZONES =
            List.of("Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "UTC");
    private static final String[][] CRONS = {
        {"0 18 * * FRI", "0 8 * * MON"},
        {"0 22 * * *", "0 6 * * *"},
        {"*/30 9-11 * * 1-5", "15 * * * *"},
        {"0 0 1 * *", "0 0 2 * *"},
    };
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    @Property(tries = 300)
    void verdictMatchesOracle(@ForAll long seed) throws Exception {
        Random random = new Random(seed);
        ReleaseGuardConfig config = ConfigLoader.parse(policy(random, FIXED_ZONES), "random.yaml", Path.of("."));
        DeployCalendar calendar = DeployCalendar.compile(config, (s, d) -> "");
        Instant at = START.plusSeconds(random.nextInt(3 * 365 * 24 * 60) * 60L + (random.nextBoolean() ? 0 : 30));
        Optional<Instant> last = random.nextBoolean()
                ? Optional.of(at.minusSeconds(random.nextInt(5 * 24 * 60) * 60L))
                : Optional.empty();
        CalendarDecision d = calendar.decide("env", at, last, EmergencyOverride.NONE);
        assertThat(d.verdict())
                .as("seed %d at %s last %s reasons %s", seed, at, last, d.reasons())
                .isEqualTo(oracle(config, at, last) ? Verdict.OPEN : Verdict.BLOCKED);
    }

    @Property(tries = 200)
    void nextOpenIsOpenAndNothingBeforeItIs(@ForAll long seed) throws Exception {
        Random random = new Random(seed);
        ReleaseGuardConfig config = ConfigLoader.parse(policy(random, DST_ZONES), "random.yaml", Path.of("."));
        DeployCalendar calendar = DeployCalendar.compile(config, (s, d) -> "");
        Instant at = START.plusSeconds(random.nextInt(3 * 365 * 24 * 60) * 60L);
        Optional<Instant> last = random.nextBoolean()
                ? Optional.of(at.minusSeconds(random.nextInt(5 * 24 * 60) * 60L))
                : Optional.empty();
        CalendarDecision d = calendar.decide("env", at, last, EmergencyOverride.NONE);
        // Without a next open instant, nothing in the horizon may be open (e.g. a window inside a nightly freeze).
        Instant open = d.nextOpen().orElse(at.plus(DeployCalendar.HORIZON));
        if (d.nextOpen().isPresent()) {
            assertThat(calendar.decide("env", open, last, EmergencyOverride.NONE)
                            .verdict())
                    .as("seed %d nextOpen %s", seed, open)
                    .isEqualTo(Verdict.OPEN);
        }
        long span = Duration.between(at, open).getSeconds();
        List<Instant> samples = new ArrayList<>();
        if (span > 0) {
            samples.add(open.minusSeconds(1));
            samples.add(at);
            for (int i = 0; i < 20; i++) {
                samples.add(at.plusSeconds((long) (random.nextDouble() * span)));
            }
        }
        for (Instant s : samples) {
            assertThat(calendar.decide("env", s, last, EmergencyOverride.NONE).verdict())
                    .as("seed %d at %s sample %s nextOpen %s", seed, at, s, open)
                    .isEqualTo(Verdict.BLOCKED);
        }
        for (Reason r : d.reasons()) {
            Instant until = r.until().orElse(Instant.MAX);
            if (until.equals(Instant.MAX)) {
                continue;
            }
            assertThat(calendar.decide("env", until.minusNanos(1), last, EmergencyOverride.NONE)
                            .reasons())
                    .as("seed %d: %s still blocks just before its until", seed, r.name())
                    .anyMatch(x -> x.code() == r.code() && x.name().equals(r.name()));
        }
    }

    @Property(tries = 100)
    void emergencyOnlyMovesBypassableReasonsAside(@ForAll long seed) throws Exception {
        Random random = new Random(seed);
        List<EmergencyPolicy.Bypass> bypass = new ArrayList<>();
        for (EmergencyPolicy.Bypass b : List.of(
                EmergencyPolicy.Bypass.WINDOWS, EmergencyPolicy.Bypass.FREEZES, EmergencyPolicy.Bypass.MIN_INTERVAL)) {
            if (random.nextBoolean()) {
                bypass.add(b);
            }
        }
        String yaml = policy(random, DST_ZONES) + "emergency:\n  bypass: ["
                + String.join(
                        ", ", bypass.stream().map(EmergencyPolicy.Bypass::key).toList())
                + "]\n  requireReason: true\n";
        ReleaseGuardConfig config = ConfigLoader.parse(yaml, "random.yaml", Path.of("."));
        DeployCalendar calendar = DeployCalendar.compile(config, (s, d) -> "");
        Instant at = START.plusSeconds(random.nextInt(3 * 365 * 24 * 60) * 60L);
        Optional<Instant> last = Optional.of(at.minusSeconds(random.nextInt(3 * 24 * 60) * 60L));
        CalendarDecision plain = calendar.decide("env", at, last, EmergencyOverride.NONE);
        EmergencyOverride override = EmergencyOverride.request(Optional.of("incident"), config.emergency());
        CalendarDecision emergency = calendar.decide("env", at, last, override);
        List<Reason> all = new ArrayList<>(emergency.reasons());
        all.addAll(emergency.overridden());
        assertThat(all).as("seed %d", seed).containsExactlyInAnyOrderElementsOf(plain.reasons());
        assertThat(emergency.overridden())
                .allMatch(r -> bypass.contains(r.code().bypass()));
        assertThat(emergency.reasons()).noneMatch(r -> bypass.contains(r.code().bypass()));
        assertThat(emergency.isOpen()).isEqualTo(emergency.reasons().isEmpty());
    }

    /** A policy with one environment "env": windows in distinct zones (so they never overlap), freezes, interval. */
    static String policy(Random random, List<String> zones) {
        StringBuilder y = new StringBuilder("version: 1\ntimezone: UTC\nenvironments:\n  - name: env\n");
        int windows = random.nextInt(zones.size() + 1);
        if (windows > 0) {
            y.append("    windows:\n");
        }
        List<String> shuffled = new ArrayList<>(zones);
        java.util.Collections.shuffle(shuffled, random);
        for (int i = 0; i < windows; i++) {
            List<String> days = new ArrayList<>();
            for (DayOfWeek d : DayOfWeek.values()) {
                if (random.nextInt(3) == 0) {
                    days.add(d.name().substring(0, 3));
                }
            }
            if (days.isEmpty()) {
                days.add("MON");
            }
            int from = random.nextInt(96) * 15;
            int to = (from + 15 * (1 + random.nextInt(95))) % 1440;
            y.append("      - days: [").append(String.join(", ", days)).append("]\n");
            y.append("        from: \"").append(hhmm(from)).append("\"\n");
            y.append("        to: \"").append(hhmm(to)).append("\"\n");
            y.append("        timezone: ").append(shuffled.get(i)).append('\n');
        }
        if (random.nextBoolean()) {
            y.append("    minInterval: ").append(1 + random.nextInt(72)).append("h\n");
        }
        int freezes = random.nextInt(4);
        if (freezes > 0) {
            y.append("freezes:\n");
        }
        for (int i = 0; i < freezes; i++) {
            y.append("  - name: f").append(i).append('\n');
            String zone = zones.get(random.nextInt(zones.size()));
            switch (random.nextInt(3)) {
                case 0 -> {
                    Instant from = START.plusSeconds(random.nextInt(3 * 365 * 24) * 3600L);
                    Instant to = from.plusSeconds((1 + random.nextInt(240)) * 3600L);
                    y.append("    from: \"")
                            .append(from)
                            .append("\"\n    to: \"")
                            .append(to)
                            .append("\"\n");
                }
                case 1 -> {
                    LocalDate a = LocalDate.of(2028, 1, 1).plusDays(random.nextInt(366));
                    LocalDate b = a.plusDays(random.nextInt(20));
                    y.append("    yearly: { from: \"")
                            .append(md(a))
                            .append("\", to: \"")
                            .append(md(b))
                            .append("\" }\n");
                    y.append("    timezone: ").append(zone).append('\n');
                }
                default -> {
                    String[] c = CRONS[random.nextInt(CRONS.length)];
                    y.append("    cron: { start: \"")
                            .append(c[0])
                            .append("\", end: \"")
                            .append(c[1])
                            .append("\" }\n");
                    y.append("    timezone: ").append(zone).append('\n');
                }
            }
        }
        return y.toString();
    }

    private static String hhmm(int minutes) {
        return String.format("%02d:%02d", minutes / 60, minutes % 60);
    }

    private static String md(LocalDate d) {
        return String.format("%02d-%02d", d.getMonthValue(), d.getDayOfMonth());
    }

    static boolean oracle(ReleaseGuardConfig config, Instant t, Optional<Instant> last) throws Exception {
        EnvironmentSpec env = config.environments().get(0);
        for (FreezeSpec f : config.freezesFor("env")) {
            if (frozen(f.rule(), t)) {
                return false;
            }
        }
        if (!env.windows().isEmpty() && env.windows().stream().noneMatch(w -> inWindow(w, t))) {
            return false;
        }
        return last.isEmpty()
                || env.minInterval().isEmpty()
                || !t.isBefore(last.get().plus(env.minInterval().get()));
    }

    private static boolean inWindow(WindowSpec w, Instant t) {
        LocalDateTime lt = LocalDateTime.ofInstant(t, w.zone());
        LocalTime time = lt.toLocalTime();
        DayOfWeek today = lt.getDayOfWeek();
        if (!w.crossesMidnight()) {
            return w.days().contains(today) && !time.isBefore(w.from()) && time.isBefore(w.to());
        }
        return (w.days().contains(today) && !time.isBefore(w.from()))
                || (w.days().contains(today.minus(1)) && time.isBefore(w.to()));
    }

    private static boolean frozen(FreezeRule rule, Instant t) throws Exception {
        if (rule instanceof FreezeRule.OneOff o) {
            return !t.isBefore(o.from()) && t.isBefore(o.to());
        }
        if (rule instanceof FreezeRule.Yearly y) {
            LocalDate d = LocalDateTime.ofInstant(t, y.zone()).toLocalDate();
            for (int year = d.getYear() - 1; year <= d.getYear(); year++) {
                LocalDate a = y.from().atYear(year);
                LocalDate b = y.to().atYear(y.to().isBefore(y.from()) ? year + 1 : year);
                if (!d.isBefore(a) && !d.isAfter(b)) {
                    return true;
                }
            }
            return false;
        }
        FreezeRule.Cron c = (FreezeRule.Cron) rule;
        CronExpression start = CronExpression.parse(c.start());
        CronExpression end = CronExpression.parse(c.end());
        LocalDateTime minute = LocalDateTime.ofInstant(t, c.zone()).truncatedTo(ChronoUnit.MINUTES);
        for (int i = 0; i < 8 * 24 * 60; i++, minute = minute.minusMinutes(1)) {
            if (start.matches(minute)) {
                LocalDateTime e = minute;
                while (!end.matches(e)) {
                    e = e.plusMinutes(1);
                }
                return t.isBefore(e.atZone(c.zone()).toInstant());
            }
        }
        return false;
    }
}
