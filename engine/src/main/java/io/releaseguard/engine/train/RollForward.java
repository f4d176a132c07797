package io.releaseguard.engine.train;

import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.config.TrainsSpec;
import io.releaseguard.engine.config.TrainsSpec.Track;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides whether a commit about to become a tag of {@code track} rolls every successful hotfix forward. The rule: for
 * each tag of the line on a track with {@code from: track} that was deployed successfully somewhere, the hotfix's
 * commit must be an ancestor of the candidate commit (checked on the commit graph, never assumed). The first one
 * missing is the violation, with both commits.
 */
public record RollForward(List<String> contained, Optional<String> violation) {
    public RollForward {
        contained = List.copyOf(contained);
    }

    /** Checks {@code commit} (of {@code fromTag}) against the deployed hotfixes of {@code track}. */
    public static RollForward check(
            TrainsSpec spec,
            VersionLine line,
            String track,
            String fromTag,
            String commit,
            Set<String> deployedReleases,
            TagRepository repo)
            throws ReleaseGuardException {
        Set<String> hotfixTracks = spec.tracks().values().stream()
                .filter(t -> t.from().equals(Optional.of(track)))
                .map(Track::name)
                .collect(Collectors.toSet());
        List<TrainTag> hotfixes = hotfixTracks.isEmpty()
                ? List.of()
                : repo.tagNames(TrainTag.prefix(line)).stream()
                        .map(TrainTag::parse)
                        .flatMap(Optional::stream)
                        .filter(t -> t.line().equals(line)
                                && hotfixTracks.contains(t.track())
                                && deployedReleases.contains(t.name()))
                        .sorted(Comparator.comparing(TrainTag::track).thenComparing(TrainTag.BY_NUMBER))
                        .toList();
        List<String> contained = new ArrayList<>();
        for (TrainTag h : hotfixes) {
            String hotfixCommit = repo.tag(h.name())
                    .orElseThrow(() -> new ReleaseGuardException(ExitCode.INVALID, "tag " + h.name() + " vanished"))
                    .commit();
            if (!repo.isAncestor(hotfixCommit, commit)) {
                return new RollForward(
                        contained,
                        Optional.of(TrainReason.ROLL_FORWARD + ": " + h.name() + " (" + Trains.abbrev(hotfixCommit)
                                + ") was deployed but is not contained in " + fromTag + " ("
                                + Trains.abbrev(commit) + "); merge the hotfix into the branch and cut a new tag"));
            }
            contained.add(h.name());
        }
        return new RollForward(contained, Optional.empty());
    }
}
