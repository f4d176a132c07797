package io.releaseguard.engine.train;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of cutting or promoting a train tag: the tag, the commit it points at, where it came from (the dev tag a
 * staging tag was promoted from, the staging tag a hotfix patches), the hotfixes verified to be contained, the soak
 * decision that allowed a promotion, and what was actually done ({@code created}, {@code pushedTo}).
 */
public record TrainCut(
        String tag,
        String track,
        String commit,
        Optional<String> promotedFrom,
        Optional<String> basedOn,
        List<String> hotfixesContained,
        Optional<SoakDecision> soak,
        boolean dryRun,
        boolean created,
        Optional<String> pushedTo,
        String message) {
    public TrainCut {
        hotfixesContained = List.copyOf(hotfixesContained);
    }

    /** A cut of {@code tag}, with the one-line message people see. */
    static TrainCut of(
            TrainTag tag,
            String track,
            String commit,
            Optional<String> promotedFrom,
            Optional<String> basedOn,
            List<String> hotfixes,
            Optional<SoakDecision> soak,
            boolean dryRun,
            boolean created,
            Optional<String> pushedTo) {
        String what = (dryRun ? "would cut " : "cut ") + tag.name() + " at " + Trains.abbrev(commit)
                + promotedFrom.map(f -> " (promoted from " + f + ")").orElse("")
                + basedOn.map(b -> " (patch on " + b + ")").orElse("")
                + pushedTo.map(r -> "; pushed to " + r).orElse("");
        return new TrainCut(
                tag.name(), track, commit, promotedFrom, basedOn, hotfixes, soak, dryRun, created, pushedTo, what);
    }
}
