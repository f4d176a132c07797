package io.releaseguard.engine.train;

import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.audit.AuditEntry;
import io.releaseguard.engine.config.DidYouMean;
import io.releaseguard.engine.config.ReleaseGuardConfig;
import io.releaseguard.engine.config.TrainsSpec;
import io.releaseguard.engine.config.TrainsSpec.Track;
import io.releaseguard.engine.state.Deployment;
import io.releaseguard.engine.state.Outcome;
import io.releaseguard.engine.state.StateStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Cuts and promotes train tags. Where a track cuts from: a track fed by promotion (another track's {@code
 * promotesTo}) takes the newest soaked tag of its source; a track with {@code from} (hotfix) takes the given commit,
 * which must descend from the newest tag of {@code from}; any other track takes the tip of its {@code branch} (default
 * HEAD). Numbers come from the repository's tags at the moment of cutting, and a promotion must contain every
 * hotfix of the line that was deployed successfully (roll-forward), checked on the commit graph.
 */
public final class Trains {
    /** How often a local tag race is retried with a fresh number before giving up. */
    private static final int LOCAL_ATTEMPTS = 3;

    private final TrainsSpec spec;
    private final VersionLine line;
    private final TagRepository repo;
    private final StateStore state;
    private final Clock clock;
    private final String actor;
    private final java.time.ZoneId zone;

    /**
     * Trains of a validated policy.
     *
     * @throws ReleaseGuardException INVALID when the policy has no {@code trains} section or its line is malformed
     */
    public Trains(ReleaseGuardConfig config, TagRepository repo, StateStore state, Clock clock, String actor)
            throws ReleaseGuardException {
        this.spec = requireTrains(config);
        this.line = VersionLine.parse(spec.line());
        this.repo = repo;
        this.state = state;
        this.clock = clock;
        this.actor = actor;
        this.zone = config.timezone();
    }

    /** The {@code trains} section, or INVALID when the policy has none. */
    public static TrainsSpec requireTrains(ReleaseGuardConfig config) throws ReleaseGuardException {
        return config.trains()
                .orElseThrow(() -> new ReleaseGuardException(
                        ExitCode.INVALID, config.source() + ": no 'trains' section; trains need tracks and a line"));
    }

    /**
     * The repository trains work on: {@code override} ({@code --repo}), else {@code git.repository} of the policy
     * resolved against the policy file's folder, else the current directory.
     */
    public static java.nio.file.Path repository(ReleaseGuardConfig config, Optional<java.nio.file.Path> override) {
        return override.orElseGet(() -> config.git()
                .map(g -> config.baseDir().resolve(g.repository()).normalize())
                .orElse(java.nio.file.Path.of(".")));
    }

    public VersionLine line() {
        return line;
    }

    /** The configured track {@code name}, or INVALID naming the closest one. */
    public Track track(String name) throws ReleaseGuardException {
        Track track = spec.tracks().get(name);
        if (track == null) {
            Set<String> names = spec.tracks().keySet();
            throw new ReleaseGuardException(
                    ExitCode.INVALID,
                    "unknown track '" + name + "'"
                            + DidYouMean.closest(name, names)
                                    .map(s -> "; did you mean '" + s + "'?")
                                    .orElse(" (defined: "
                                            + String.join(
                                                    ", ",
                                                    names.stream().sorted().toList()) + ")"));
        }
        TrainTag.requireTrackName(name);
        return track;
    }

    /** The tag the next train of {@code track} would get now. */
    public TrainTag nextTag(String track) throws ReleaseGuardException {
        track(track);
        return TrainTag.next(line, track, repo.tagNames(TrainTag.prefix(line)));
    }

    /**
     * Cuts the next tag of {@code trackName}; see the class comment for which commit. {@code commit} overrides the
     * branch tip (and is the patch for a hotfix track); {@code remote}, when present, receives the tag.
     */
    public TrainCut cut(String trackName, Optional<String> commit, boolean dryRun, Optional<String> remote)
            throws ReleaseGuardException {
        Track track = track(trackName);
        Optional<Track> source = sourceOf(trackName);
        if (source.isPresent()) {
            if (commit.isPresent()) {
                throw new ReleaseGuardException(
                        ExitCode.INVALID,
                        "track '" + trackName + "' is fed by promotion from '"
                                + source.get().name()
                                + "', so it tags a soaked " + source.get().name() + " tag, never a commit; use 'train"
                                + " promote --from-tag TAG --to-track " + trackName + "'");
            }
            return promote(newestSoaked(source.get()), trackName, dryRun, remote);
        }
        if (track.from().isPresent()) {
            return hotfix(track, commit.orElse("HEAD"), dryRun, remote);
        }
        String revision =
                commit.orElse(track.branch().map(b -> "refs/heads/" + b).orElse("HEAD"));
        String sha = repo.commit(revision);
        return create(trackName, sha, Provenance.branch(track.branch().orElse("HEAD")), dryRun, remote);
    }

    /**
     * Promotes {@code fromTag} to {@code toTrack}: the source track must promote to it, the tag must have soaked in
     * the source track's environment, and the commit must contain every successful hotfix of the line.
     */
    public TrainCut promote(String fromTag, String toTrack, boolean dryRun, Optional<String> remote)
            throws ReleaseGuardException {
        TrainTag from = TrainTag.require(fromTag);
        Track target = track(toTrack);
        Track source = track(from.track());
        if (!source.promotesTo().equals(Optional.of(target.name()))) {
            throw new ReleaseGuardException(
                    ExitCode.INVALID,
                    "track '" + source.name() + "' "
                            + source.promotesTo()
                                    .map(t -> "promotes to '" + t + "'")
                                    .orElse("promotes nowhere")
                            + ", not to '" + toTrack + "'");
        }
        TagInfo info = requireTag(fromTag);
        Optional<TrainCut> earlier = alreadyPromoted(fromTag, toTrack, dryRun);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        SoakDecision soak = soak(source, fromTag);
        if (!soak.eligible()) {
            audit("train.promote", target, fromTag, "BLOCKED", soak.message());
            throw new ReleaseGuardException(ExitCode.BLOCKED, soak.message());
        }
        List<String> hotfixes = requireRollForward(toTrack, fromTag, info.commit());
        return create(toTrack, info.commit(), Provenance.promoted(fromTag, hotfixes, soak), dryRun, remote);
    }

    /** The train tags of the line, with their targets and messages. */
    public List<TagInfo> trainTags() throws ReleaseGuardException {
        List<TagInfo> tags = new ArrayList<>();
        for (String name : repo.tagNames(TrainTag.prefix(line))) {
            if (TrainTag.parse(name).filter(t -> t.line().equals(line)).isPresent()) {
                repo.tag(name).ifPresent(tags::add);
            }
        }
        return tags;
    }

    /**
     * The success metrics since {@code since} (local midnight in the policy's zone) until now; {@code reviews} are
     * added to the reviews {@code release-guard pir} tracks in {@code stateDir}.
     */
    public TrainReport report(
            java.time.LocalDate since, java.nio.file.Path stateDir, List<IncidentReview> reviews, FreezeCheck freezes)
            throws ReleaseGuardException {
        List<IncidentReview> all = new ArrayList<>(
                IncidentReview.tracked(new io.releaseguard.engine.pir.PostIncidentReviews(stateDir, clock), zone));
        all.addAll(reviews);
        return TrainReport.compute(
                spec, zone, since, clock.instant(), state.history(Optional.empty()), trainTags(), all, freezes);
    }

    /** The soak decision for promoting {@code tag} out of {@code source} now. */
    public SoakDecision soak(Track source, String tag) throws ReleaseGuardException {
        String env = source.environmentName();
        List<Deployment> deployments = state.deployments(env);
        return SoakDecision.decide(tag, env, source.soak().orElse(Duration.ZERO), deployments, clock.instant());
    }

    private TrainCut hotfix(Track track, String revision, boolean dryRun, Optional<String> remote)
            throws ReleaseGuardException {
        String baseTrack = track.from().orElseThrow();
        TrainTag base = TrainTag.latest(line, baseTrack, repo.tagNames(TrainTag.prefix(line)))
                .orElseThrow(() -> new ReleaseGuardException(
                        ExitCode.INVALID,
                        "no " + baseTrack + " tag on line " + line + " for a " + track.name()
                                + " to patch; promote one first"));
        String baseCommit = requireTag(base.name()).commit();
        String sha = repo.commit(revision);
        if (!repo.isAncestor(baseCommit, sha)) {
            String msg = TrainReason.NOT_DESCENDANT + ": commit " + abbrev(sha) + " does not descend from "
                    + base.name() + " (" + abbrev(baseCommit) + "); a " + track.name()
                    + " is a patch on top of the current " + baseTrack + " tag";
            audit("train.cut", track, base.name(), "BLOCKED", msg);
            throw new ReleaseGuardException(ExitCode.BLOCKED, msg);
        }
        return create(track.name(), sha, Provenance.patch(base.name()), dryRun, remote);
    }

    private List<String> requireRollForward(String toTrack, String fromTag, String commit)
            throws ReleaseGuardException {
        Set<String> deployed = state.history(Optional.empty()).stream()
                .filter(d -> d.outcome() == Outcome.SUCCEEDED)
                .map(Deployment::release)
                .collect(Collectors.toSet());
        RollForward check = RollForward.check(spec, line, toTrack, fromTag, commit, deployed, repo);
        if (check.violation().isPresent()) {
            audit(
                    "train.promote",
                    track(toTrack),
                    fromTag,
                    "BLOCKED",
                    check.violation().get());
            throw new ReleaseGuardException(ExitCode.BLOCKED, check.violation().get());
        }
        return check.contained();
    }

    private String newestSoaked(Track source) throws ReleaseGuardException {
        List<TrainTag> candidates = repo.tagNames(TrainTag.prefix(line)).stream()
                .map(TrainTag::parse)
                .flatMap(Optional::stream)
                .filter(t -> t.line().equals(line) && t.track().equals(source.name()))
                .sorted(TrainTag.BY_NUMBER.reversed())
                .toList();
        if (candidates.isEmpty()) {
            throw new ReleaseGuardException(
                    ExitCode.INVALID, "no " + source.name() + " tag on line " + line + " to promote; cut one first");
        }
        SoakDecision newest = null;
        for (TrainTag t : candidates) {
            SoakDecision d = soak(source, t.name());
            if (d.eligible()) {
                return t.name();
            }
            if (newest == null) {
                newest = d;
            }
        }
        throw new ReleaseGuardException(ExitCode.BLOCKED, newest.message());
    }

    private Optional<TrainCut> alreadyPromoted(String fromTag, String toTrack, boolean dryRun)
            throws ReleaseGuardException {
        for (String name : repo.tagNames(TrainTag.prefix(line))) {
            Optional<TrainTag> t = TrainTag.parse(name).filter(x -> x.track().equals(toTrack));
            if (t.isEmpty()) {
                continue;
            }
            Optional<TagInfo> info = repo.tag(name);
            if (info.flatMap(i -> i.field("promoted-from")).equals(Optional.of(fromTag))) {
                return Optional.of(new TrainCut(
                        name,
                        toTrack,
                        info.get().commit(),
                        new Provenance(
                                Optional.empty(), Optional.of(fromTag), Optional.empty(), List.of(), Optional.empty()),
                        dryRun,
                        false,
                        Optional.empty(),
                        fromTag + " was already promoted to " + toTrack + " as " + name + "; nothing to do"));
            }
        }
        return Optional.empty();
    }

    private TrainCut create(String track, String commit, Provenance provenance, boolean dryRun, Optional<String> remote)
            throws ReleaseGuardException {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("track", track);
        fields.put("line", line.toString());
        fields.put("commit", commit);
        fields.putAll(provenance.fields());
        if (remote.isPresent() && !dryRun) {
            repo.fetchTags(remote.get());
        }
        for (int attempt = 1; ; attempt++) {
            TrainTag tag = TrainTag.next(line, track, repo.tagNames(TrainTag.prefix(line)));
            if (dryRun) {
                return TrainCut.of(tag, track, commit, provenance, true, false, Optional.empty());
            }
            try {
                repo.createTag(tag.name(), commit, tag.annotation(fields), clock.instant());
            } catch (ReleaseGuardException e) {
                if (attempt < LOCAL_ATTEMPTS && e.getMessage().startsWith(TrainReason.TAG_CONFLICT.name())) {
                    continue;
                }
                throw e;
            }
            if (remote.isPresent()) {
                try {
                    repo.pushTag(remote.get(), tag.name());
                } catch (ReleaseGuardException e) {
                    repo.deleteTag(tag.name());
                    audit("train.cut", track(track), tag.name(), "BLOCKED", e.getMessage());
                    throw e;
                }
            }
            TrainCut cut = TrainCut.of(tag, track, commit, provenance, false, true, remote);
            audit(
                    provenance.promotedFrom().isPresent() ? "train.promote" : "train.cut",
                    track(track),
                    tag.name(),
                    "OPEN",
                    cut.message());
            return cut;
        }
    }

    private TagInfo requireTag(String name) throws ReleaseGuardException {
        return repo.tag(name)
                .orElseThrow(() -> new ReleaseGuardException(ExitCode.INVALID, "tag " + name + " does not exist"));
    }

    private void audit(String action, Track track, String subject, String verdict, String reason)
            throws ReleaseGuardException {
        state.audit().append(new AuditEntry(actor, action, track.environmentName(), subject, verdict, reason));
    }

    static String abbrev(String sha) {
        return sha.length() > 7 ? sha.substring(0, 7) : sha;
    }

    private Optional<Track> sourceOf(String track) {
        return spec.tracks().values().stream()
                .filter(t -> t.promotesTo().equals(Optional.of(track)))
                .min(Comparator.comparing(Track::name));
    }
}
