package io.releaseguard.engine.train;

import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.calendar.LocalTimes;
import io.releaseguard.engine.config.TrainsSpec;
import io.releaseguard.engine.config.TrainsSpec.Track;
import io.releaseguard.engine.state.Deployment;
import io.releaseguard.engine.state.Outcome;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The release-train success metrics over {@code [since, until)}. Definitions (also printed with the report):
 *
 * <ul>
 *   <li>deploys: recorded deployments (any final outcome) that started in the period to an environment of a
 *       scheduled track;
 *   <li>on train days: those that started on a local date (in the track's zone) when a scheduled track of that
 *       environment leaves; the share is on-train-day deploys over deploys;
 *   <li>unscheduled non-hotfix: deploys not on a train day whose release is not a tag of a track with {@code from};
 *   <li>postponements: past departures that were not skipped by policy and for which no tag of the track was created
 *       on the departure's local date;
 *   <li>reviews citing a train tag: post-incident reviews written in the period that cite an existing train tag of
 *       the line (as the release they concern or in their text).
 * </ul>
 */
public record TrainReport(
        LocalDate since,
        Instant until,
        int deploys,
        int onTrainDays,
        Optional<Double> shareOnTrainDays,
        List<String> unscheduledNonHotfix,
        List<String> postponements,
        List<String> skipped,
        int reviews,
        List<String> reviewsCitingTrainTag,
        List<String> definitions) {

    /** The definitions, in the order the metrics are printed. */
    public static final List<String> DEFINITIONS = List.of(
            "deploys: deployments that started in the period (any final outcome) to an environment of a scheduled track",
            "on train days: deploys that started on a local date when a scheduled track of their environment leaves",
            "unscheduled non-hotfix: deploys not on a train day whose release is not a hotfix-track tag",
            "postponements: past departures, not skipped by policy, with no tag of the track created that local date",
            "reviews citing a train tag: post-incident reviews written in the period that cite an existing train tag"
                    + " (as their release or in their text)");

    public TrainReport {
        unscheduledNonHotfix = List.copyOf(unscheduledNonHotfix);
        postponements = List.copyOf(postponements);
        skipped = List.copyOf(skipped);
        reviewsCitingTrainTag = List.copyOf(reviewsCitingTrainTag);
        definitions = List.copyOf(definitions);
    }

    /** Computes the report from the deployment history, the repository's train tags and the reviews. */
    public static TrainReport compute(
            TrainsSpec trains,
            ZoneId zone,
            LocalDate since,
            Instant until,
            List<Deployment> history,
            List<TagInfo> trainTags,
            List<IncidentReview> reviews,
            FreezeCheck freezes)
            throws ReleaseGuardException {
        Instant from = LocalTimes.startOfDay(since, zone);
        List<TrainSchedule> scheduled = new ArrayList<>();
        Map<String, Track> byName = trains.tracks();
        for (Track t : byName.values().stream()
                .sorted(Comparator.comparing(Track::name))
                .toList()) {
            TrainSchedule s = TrainSchedule.of(t);
            if (!s.onDemand()) {
                scheduled.add(s);
            }
        }
        Set<String> hotfixTracks = byName.values().stream()
                .filter(t -> t.from().isPresent())
                .map(Track::name)
                .collect(Collectors.toSet());
        int deploys = 0;
        int onDays = 0;
        List<String> unscheduled = new ArrayList<>();
        for (Deployment d :
                history.stream().sorted(Comparator.comparing(Deployment::start)).toList()) {
            if (d.outcome() == Outcome.RUNNING
                    || d.start().isBefore(from)
                    || !d.start().isBefore(until)) {
                continue;
            }
            List<TrainSchedule> envTracks = scheduled.stream()
                    .filter(s -> byName.get(s.track()).environmentName().equals(d.environment()))
                    .toList();
            if (envTracks.isEmpty()) {
                continue;
            }
            deploys++;
            boolean onDay = envTracks.stream().anyMatch(s -> s.firesOn(LocalDate.ofInstant(d.start(), s.zone())));
            if (onDay) {
                onDays++;
            } else if (!TrainTag.parse(d.release())
                    .map(t -> hotfixTracks.contains(t.track()))
                    .orElse(false)) {
                unscheduled.add(d.start() + " " + d.environment() + " " + d.release());
            }
        }
        List<String> postponed = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        OnCallRoster roster = new OnCallRoster(trains.onCall());
        for (TrainSchedule s : scheduled) {
            Track track = byName.get(s.track());
            Set<LocalDate> cutDays = trainTags.stream()
                    .filter(t -> TrainTag.parse(t.name())
                            .map(x -> x.track().equals(s.track()))
                            .orElse(false))
                    .flatMap(t -> t.taggedAt().stream())
                    .map(at -> LocalDate.ofInstant(at, s.zone()))
                    .collect(Collectors.toSet());
            for (Instant at : s.between(from, until)) {
                TrainDeparture dep = TrainCalendar.departure(trains, track, at, roster, freezes);
                String label = s.track() + " " + dep.local().toLocalDate();
                if (!dep.runs()) {
                    skipped.add(label + " (" + dep.skipDetail().orElse("") + ")");
                } else if (!cutDays.contains(dep.local().toLocalDate())) {
                    postponed.add(label);
                }
            }
        }
        Set<String> existing = trainTags.stream().map(TagInfo::name).collect(Collectors.toSet());
        List<IncidentReview> inPeriod = reviews.stream()
                .filter(r -> !r.date().isBefore(since)
                        && r.date().isBefore(LocalDate.ofInstant(until, zone).plusDays(1)))
                .toList();
        List<String> citing = inPeriod.stream()
                .filter(r -> r.mentionedTags().stream().anyMatch(existing::contains))
                .map(IncidentReview::file)
                .toList();
        return new TrainReport(
                since,
                until,
                deploys,
                onDays,
                deploys == 0 ? Optional.empty() : Optional.of((double) onDays / deploys),
                unscheduled,
                postponed,
                skipped,
                inPeriod.size(),
                citing,
                DEFINITIONS);
    }

    /** The report for people: each metric with its value, then the definitions. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        sb.append("Release trains since ")
                .append(since)
                .append(" (until ")
                .append(until)
                .append(")\n");
        sb.append("  deploys on scheduled train days: ")
                .append(onTrainDays)
                .append(" of ")
                .append(deploys)
                .append(shareOnTrainDays
                        .map(s -> String.format(java.util.Locale.ROOT, " (%.1f%%)", s * 100))
                        .orElse(""))
                .append('\n');
        list(sb, "unscheduled non-hotfix deploys", unscheduledNonHotfix);
        list(sb, "postponements", postponements);
        list(sb, "skipped by policy", skipped);
        sb.append("  post-incident reviews citing a train tag: ")
                .append(reviewsCitingTrainTag.size())
                .append(" of ")
                .append(reviews)
                .append(reviewsCitingTrainTag.isEmpty() ? "" : " (" + String.join(", ", reviewsCitingTrainTag) + ")")
                .append('\n');
        sb.append("Definitions:\n");
        definitions.forEach(d -> sb.append("  - ").append(d).append('\n'));
        return sb.toString();
    }

    private static void list(StringBuilder sb, String label, List<String> items) {
        sb.append("  ").append(label).append(": ").append(items.size()).append('\n');
        items.forEach(i -> sb.append("    ").append(i).append('\n'));
    }
}
