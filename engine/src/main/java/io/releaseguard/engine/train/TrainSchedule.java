package io.releaseguard.engine.train;

import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.calendar.LocalTimes;
import io.releaseguard.engine.config.TrainsSpec.Track;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a track's trains leave. A weekly train leaves on its weekday at its local time in the track's zone; a
 * biweekly one every second week counted from its anchor (the first run is the anchor's date or the next matching
 * weekday after it); an on-demand track never leaves on its own. Daylight saving follows the deploy calendar
 * ({@link LocalTimes}): a local time that does not exist (spring forward) means the first valid instant after it, the
 * transition itself; an ambiguous one (fall back) means its first occurrence.
 */
public final class TrainSchedule {
    private static final Pattern SCHEDULE =
            Pattern.compile("(weekly|biweekly) (MON|TUE|WED|THU|FRI|SAT|SUN) (\\d\\d):(\\d\\d)");

    private final String track;
    private final String text;
    private final ZoneId zone;
    private final Optional<DayOfWeek> day;
    private final LocalTime time;
    private final int periodDays;
    private final Optional<LocalDate> firstRun;

    private TrainSchedule(
            String track,
            String text,
            ZoneId zone,
            Optional<DayOfWeek> day,
            LocalTime time,
            int periodDays,
            Optional<LocalDate> firstRun) {
        this.track = track;
        this.text = text;
        this.zone = zone;
        this.day = day;
        this.time = time;
        this.periodDays = periodDays;
        this.firstRun = firstRun;
    }

    /**
     * The schedule of a configured track.
     *
     * @throws ReleaseGuardException INVALID when the schedule text is not one of the three shapes, or a biweekly
     *     schedule has no anchor
     */
    public static TrainSchedule of(Track track) throws ReleaseGuardException {
        if (track.schedule().equals("on-demand")) {
            return new TrainSchedule(
                    track.name(),
                    track.schedule(),
                    track.zone(),
                    Optional.empty(),
                    LocalTime.MIDNIGHT,
                    0,
                    Optional.empty());
        }
        Matcher m = SCHEDULE.matcher(track.schedule());
        if (!m.matches() || Integer.parseInt(m.group(3)) > 23 || Integer.parseInt(m.group(4)) > 59) {
            throw new ReleaseGuardException(
                    ExitCode.INVALID,
                    "track '" + track.name() + "': \"" + track.schedule()
                            + "\" is not a schedule (\"weekly TUE 14:00\", \"biweekly WED 14:00\" or \"on-demand\")");
        }
        DayOfWeek day = parseDay(m.group(2));
        boolean biweekly = m.group(1).equals("biweekly");
        if (biweekly && track.anchor().isEmpty()) {
            throw new ReleaseGuardException(
                    ExitCode.INVALID, "track '" + track.name() + "': a biweekly schedule needs an 'anchor' date");
        }
        Optional<LocalDate> first = track.anchor().map(a -> a.with(TemporalAdjusters.nextOrSame(day)));
        LocalTime time = LocalTime.of(Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)));
        return new TrainSchedule(
                track.name(), track.schedule(), track.zone(), Optional.of(day), time, biweekly ? 14 : 7, first);
    }

    private static DayOfWeek parseDay(String abbreviation) {
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.name().startsWith(abbreviation)) {
                return d;
            }
        }
        throw new IllegalArgumentException(abbreviation);
    }

    public String track() {
        return track;
    }

    public ZoneId zone() {
        return zone;
    }

    /** True for an on-demand track, which has no departures. */
    public boolean onDemand() {
        return day.isEmpty();
    }

    /** The schedule as configured ("weekly TUE 14:00"). */
    public String text() {
        return text;
    }

    /** True when a train of this track leaves on local date {@code date}. */
    public boolean firesOn(LocalDate date) {
        if (day.isEmpty() || date.getDayOfWeek() != day.get()) {
            return false;
        }
        return firstRun.map(f -> !date.isBefore(f) && ChronoUnit.DAYS.between(f, date) % periodDays == 0)
                .orElse(true);
    }

    /** The departure on local date {@code date}, if a train leaves that day. */
    public Optional<Instant> departureOn(LocalDate date) {
        return firesOn(date) ? Optional.of(LocalTimes.toInstant(date.atTime(time), zone)) : Optional.empty();
    }

    /** The next {@code count} departures strictly after {@code after}, in order; empty for an on-demand track. */
    public List<Instant> next(Instant after, int count) {
        List<Instant> found = new ArrayList<>();
        if (day.isEmpty()) {
            return found;
        }
        LocalDate date = LocalDateTime.ofInstant(after, zone).toLocalDate().minusDays(1);
        if (firstRun.isPresent() && date.isBefore(firstRun.get())) {
            date = firstRun.get();
        }
        while (!firesOn(date)) {
            date = date.plusDays(1);
        }
        while (found.size() < count) {
            Instant at = LocalTimes.toInstant(date.atTime(time), zone);
            if (at.isAfter(after)) {
                found.add(at);
            }
            date = date.plusDays(periodDays);
        }
        return found;
    }

    /** Every departure in {@code [from, to)}, in order. */
    public List<Instant> between(Instant from, Instant to) {
        List<Instant> found = new ArrayList<>();
        if (day.isEmpty()) {
            return found;
        }
        for (Instant at = next(from.minusNanos(1), 1).get(0);
                at.isBefore(to);
                at = next(at, 1).get(0)) {
            found.add(at);
        }
        return found;
    }

    @Override
    public String toString() {
        return track + ": " + text + " (" + zone + ")";
    }
}
