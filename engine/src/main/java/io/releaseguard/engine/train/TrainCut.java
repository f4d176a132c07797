package io.releaseguard.engine.train;

import java.util.Optional;

/**
 * The outcome of cutting or promoting a train tag: the tag, the commit it points at, its {@link Provenance}, and what
 * was actually done ({@code created}, {@code pushedTo}; nothing for a dry run or a tag that already existed).
 */
public record TrainCut(
        String tag,
        String track,
        String commit,
        Provenance provenance,
        boolean dryRun,
        boolean created,
        Optional<String> pushedTo,
        String message) {

    /** A cut of {@code tag}, with the one-line message people see. */
    static TrainCut of(
            TrainTag tag,
            String track,
            String commit,
            Provenance provenance,
            boolean dryRun,
            boolean created,
            Optional<String> pushedTo) {
        String what = (dryRun ? "would cut " : "cut ") + tag.name() + " at " + Trains.abbrev(commit)
                + provenance.describe()
                + pushedTo.map(r -> "; pushed to " + r).orElse("");
        return new TrainCut(tag.name(), track, commit, provenance, dryRun, created, pushedTo, what);
    }
}
