package io.releaseguard.engine.calendar;

import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.config.EnvironmentSpec;
import io.releaseguard.engine.config.FreezeRule;
import io.releaseguard.engine.config.FreezeSpec;
import io.releaseguard.engine.config.ReleaseGuardConfig;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Decides whether a deployment to an environment may start at an instant: it is OPEN iff no freeze for the
 * environment contains the instant, some window contains it (or none are configured) and at least {@code
 * minInterval} has passed since the last successful deployment. Every blocking reason is reported with the instant
 * it alone stops blocking; {@code nextOpen} jumps from edge to edge of those reasons, never scanning minute by
 * minute. Decisions are pure over the policy, the arguments and the ICS calendars (read once, on first use).
 */
public final class DeployCalendar {
    /** How far ahead {@code nextOpen} is searched before giving up. */
    public static final Duration HORIZON = Duration.ofDays(800);

    private static final int MAX_JUMPS = 100_000;

    private final ReleaseGuardConfig config;
    private final IcsFetcher fetcher;
    private final Map<String, Times> freezeTimes = new HashMap<>();
    private final Map<String, CompiledEnvironment> environments = new LinkedHashMap<>();

    private DeployCalendar(ReleaseGuardConfig config, IcsFetcher fetcher) {
        this.config = config;
        this.fetcher = fetcher;
    }

    /**
     * Prepares the calendar of a validated policy. ICS calendars are fetched later, when a decision first needs them.
     *
     * @throws ReleaseGuardException ({@link ExitCode#INVALID}) when a cron expression does not parse
     */
    public static DeployCalendar compile(ReleaseGuardConfig config, IcsFetcher fetcher) throws ReleaseGuardException {
        DeployCalendar calendar = new DeployCalendar(config, fetcher);
        for (FreezeSpec f : config.freezes()) {
            if (f.rule() instanceof FreezeRule.Yearly y) {
                calendar.freezeTimes.put(f.name(), new YearlyTimes(y));
            } else if (f.rule() instanceof FreezeRule.OneOff o) {
                calendar.freezeTimes.put(f.name(), new OneOffTimes(o));
            } else if (f.rule() instanceof FreezeRule.Cron c) {
                calendar.freezeTimes.put(f.name(), cron(f.name(), c));
            }
        }
        for (EnvironmentSpec e : config.environments()) {
            calendar.environments.put(
                    e.name(), new CompiledEnvironment(e, new WindowTimes(e.windows()), config.freezesFor(e.name())));
        }
        return calendar;
    }

    private static CronTimes cron(String name, FreezeRule.Cron c) throws ReleaseGuardException {
        try {
            return new CronTimes(CronExpression.parse(c.start()), CronExpression.parse(c.end()), c.zone());
        } catch (CronExpression.CronSyntaxException e) {
            throw new ReleaseGuardException(ExitCode.INVALID, "freeze '" + name + "': " + e.getMessage());
        }
    }

    public ReleaseGuardConfig config() {
        return config;
    }

    /** The zone an environment's times are shown in: its first window's zone, else the policy's timezone. */
    public ZoneId zoneOf(String environment) {
        return config.environment(environment)
                .flatMap(e -> e.windows().stream().findFirst())
                .map(w -> w.zone())
                .orElse(config.timezone());
    }

    /**
     * The calendar decision for {@code environment} at {@code at}.
     *
     * @param lastDeploy the last successful deployment to the environment, if any
     * @param override an emergency override; its bypassed reasons move to {@code overridden}
     * @throws ReleaseGuardException INVALID for an unknown environment, or when an ICS calendar cannot be read
     */
    public CalendarDecision decide(
            String environment, Instant at, Optional<Instant> lastDeploy, EmergencyOverride override)
            throws ReleaseGuardException {
        try {
            return decideOrThrow(environment, at, lastDeploy, override);
        } catch (IcsCalendar.ExpansionException e) {
            throw new ReleaseGuardException(ExitCode.INVALID, e.getMessage(), e);
        }
    }

    private CalendarDecision decideOrThrow(
            String environment, Instant at, Optional<Instant> lastDeploy, EmergencyOverride override)
            throws ReleaseGuardException {
        CompiledEnvironment env = environment(environment);
        List<Reason> reasons = new ArrayList<>();
        List<Reason> overridden = new ArrayList<>();
        List<Block> remaining = new ArrayList<>();
        for (Block b : blocks(env, at, lastDeploy, EmergencyOverride.NONE)) {
            Reason r = b.reason(env, at, zoneOf(environment));
            if (override.skips(b.code())) {
                overridden.add(r);
            } else {
                reasons.add(r);
                remaining.add(b);
            }
        }
        Verdict verdict = reasons.stream().map(r -> Verdict.BLOCKED).reduce(Verdict.OPEN, Verdict::worst);
        Optional<Instant> nextOpen =
                verdict == Verdict.OPEN ? Optional.of(at) : nextOpen(env, at, remaining, lastDeploy, override);
        return new CalendarDecision(environment, at, verdict, reasons, overridden, nextOpen);
    }

    /**
     * Checks that {@code name} is an environment of the policy.
     *
     * @throws ReleaseGuardException INVALID naming the defined environments
     */
    public void requireEnvironment(String name) throws ReleaseGuardException {
        environment(name);
    }

    private CompiledEnvironment environment(String name) throws ReleaseGuardException {
        CompiledEnvironment env = environments.get(name);
        if (env == null) {
            throw new ReleaseGuardException(
                    ExitCode.INVALID,
                    "unknown environment '" + name + "' (defined: " + String.join(", ", environments.keySet()) + ")");
        }
        return env;
    }

    /** Jumps to the latest {@code until} of what blocks and re-decides there; {@code atBlocks} block at {@code at}. */
    private Optional<Instant> nextOpen(
            CompiledEnvironment env,
            Instant at,
            List<Block> atBlocks,
            Optional<Instant> lastDeploy,
            EmergencyOverride override)
            throws ReleaseGuardException {
        Instant limit = at.plus(HORIZON);
        Instant t = at;
        for (int i = 0; i < MAX_JUMPS && !t.isAfter(limit); i++) {
            Instant until = t;
            for (Block b : i == 0 ? atBlocks : blocks(env, t, lastDeploy, override)) {
                if (b.until().isAfter(until)) {
                    until = b.until();
                }
            }
            if (until.equals(t)) {
                return Optional.of(t);
            }
            if (until.equals(Instant.MAX)) {
                return Optional.empty();
            }
            t = until;
        }
        return Optional.empty();
    }

    /** What blocks at {@code t}, skipping what {@code override} bypasses; each with when it alone ends. */
    private List<Block> blocks(
            CompiledEnvironment env, Instant t, Optional<Instant> lastDeploy, EmergencyOverride override)
            throws ReleaseGuardException {
        List<Block> out = new ArrayList<>(2);
        if (!override.skips(ReasonCode.FREEZE)) {
            for (FreezeSpec f : env.freezes()) {
                Times times = times(f);
                Optional<Interval> i = times.covering(t);
                if (i.isPresent()) {
                    out.add(new Block(
                            ReasonCode.FREEZE,
                            f,
                            i.get().start(),
                            mergedEnd(times, i.get().end())));
                }
            }
        }
        if (!env.windows().isEmpty()
                && !override.skips(ReasonCode.OUTSIDE_WINDOW)
                && env.windows().covering(t).isEmpty()) {
            out.add(new Block(ReasonCode.OUTSIDE_WINDOW, null, t, env.windows().nextStart(t)));
        }
        if (lastDeploy.isPresent()
                && env.spec().minInterval().isPresent()
                && !override.skips(ReasonCode.MIN_INTERVAL)) {
            Instant openAt = lastDeploy.get().plus(env.spec().minInterval().get());
            if (t.isBefore(openAt)) {
                out.add(new Block(ReasonCode.MIN_INTERVAL, null, lastDeploy.get(), openAt));
            }
        }
        return out;
    }

    /** Follows back-to-back occurrences of one freeze so that {@code until} is when it really stops blocking. */
    private static Instant mergedEnd(Times times, Instant end) {
        Instant e = end;
        for (int i = 0; i < 1000 && !e.equals(Instant.MAX); i++) {
            Optional<Interval> next = times.covering(e);
            if (next.isEmpty() || !next.get().end().isAfter(e)) {
                return e;
            }
            e = next.get().end();
        }
        return e;
    }

    Times times(FreezeSpec f) throws ReleaseGuardException {
        synchronized (freezeTimes) {
            Times t = freezeTimes.get(f.name());
            if (t == null && f.rule() instanceof FreezeRule.Ics ics) {
                t = loadIcs(f.name(), ics);
                freezeTimes.put(f.name(), t);
            }
            return t;
        }
    }

    private IcsCalendar loadIcs(String name, FreezeRule.Ics ics) throws ReleaseGuardException {
        String text;
        try {
            text = fetcher.fetch(ics.source(), config.baseDir());
        } catch (IOException | RuntimeException e) {
            throw new ReleaseGuardException(
                    ExitCode.INVALID,
                    "freeze '" + name + "': ics " + ics.source() + " cannot be read: " + e.getMessage(),
                    e);
        }
        try {
            return IcsCalendar.parse(text, ics.zone(), "freeze '" + name + "': ics " + ics.source());
        } catch (IcsCalendar.IcsException e) {
            throw new ReleaseGuardException(ExitCode.INVALID, "freeze '" + name + "': ics " + e.describe(ics.source()));
        }
    }

    /**
     * Freezes and windows that overlap {@code [from, to)}, in start order. Freeze entries name the environments they
     * apply to; windows name their environment. A window is cut where the environment's freezes begin and end, and
     * each piece inside a freeze names those freezes in {@link CalendarEntry#frozenBy()}, so that the listing never
     * offers a slot that {@link #decide} would block.
     *
     * @throws ReleaseGuardException when an ICS calendar cannot be read or expanded
     */
    public List<CalendarEntry> upcoming(Instant from, Instant to) throws ReleaseGuardException {
        try {
            return upcomingOrThrow(from, to);
        } catch (IcsCalendar.ExpansionException e) {
            throw new ReleaseGuardException(ExitCode.INVALID, e.getMessage(), e);
        }
    }

    private List<CalendarEntry> upcomingOrThrow(Instant from, Instant to) throws ReleaseGuardException {
        List<CalendarEntry> out = new ArrayList<>();
        for (FreezeSpec f : config.freezes()) {
            List<String> envs = f.environments().isEmpty()
                    ? config.environmentNames()
                    : config.environmentNames().stream().filter(f::appliesTo).toList();
            for (Interval i : times(f).between(from, to)) {
                out.add(new CalendarEntry(
                        CalendarEntry.Kind.FREEZE,
                        f.name(),
                        envs,
                        i.start(),
                        i.end(),
                        Describe.rule(f.rule()),
                        List.of()));
            }
        }
        for (CompiledEnvironment env : environments.values()) {
            for (Interval i : env.windows().between(from, to)) {
                for (Slot slot : slots(env, i)) {
                    out.add(new CalendarEntry(
                            CalendarEntry.Kind.WINDOW,
                            env.spec().name(),
                            List.of(env.spec().name()),
                            slot.interval().start(),
                            slot.interval().end(),
                            Describe.windows(env.spec().windows()),
                            slot.frozenBy()));
                }
            }
        }
        out.sort(Comparator.comparing(CalendarEntry::start)
                .thenComparing(CalendarEntry::kind)
                .thenComparing(CalendarEntry::name));
        return out;
    }

    /** A piece of a window and the freezes (by name) that cover all of it; none for an open piece. */
    private record Slot(Interval interval, List<String> frozenBy) {}

    /** {@code window} cut at every edge of the environment's freezes inside it; equal neighbours merged. */
    private List<Slot> slots(CompiledEnvironment env, Interval window) throws ReleaseGuardException {
        Map<FreezeSpec, List<Interval>> freezes = new LinkedHashMap<>();
        TreeSet<Instant> cuts = new TreeSet<>(List.of(window.start(), window.end()));
        for (FreezeSpec f : env.freezes()) {
            List<Interval> in = times(f).between(window.start(), window.end());
            freezes.put(f, in);
            for (Interval i : in) {
                if (i.start().isAfter(window.start()) && i.start().isBefore(window.end())) {
                    cuts.add(i.start());
                }
                if (i.end().isAfter(window.start()) && i.end().isBefore(window.end())) {
                    cuts.add(i.end());
                }
            }
        }
        List<Slot> out = new ArrayList<>();
        Instant a = cuts.first();
        for (Instant b : cuts.tailSet(a, false)) {
            Instant at = a;
            List<String> names = freezes.entrySet().stream()
                    .filter(e -> e.getValue().stream().anyMatch(i -> i.contains(at)))
                    .map(e -> e.getKey().name())
                    .toList();
            Slot last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && last.frozenBy().equals(names)) {
                out.set(out.size() - 1, new Slot(new Interval(last.interval().start(), b), names));
            } else {
                out.add(new Slot(new Interval(a, b), names));
            }
            a = b;
        }
        return out;
    }

    /** An environment with its windows and the freezes that apply to it, resolved once. */
    record CompiledEnvironment(EnvironmentSpec spec, WindowTimes windows, List<FreezeSpec> freezes) {}
}
