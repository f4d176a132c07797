package io.releaseguard.engine.train;

import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.approval.GroupQuorum;
import io.releaseguard.engine.audit.AuditEntry;
import io.releaseguard.engine.config.ReleaseCandidateSpec;
import io.releaseguard.engine.config.ReleaseGuardConfig;
import io.releaseguard.engine.identity.UserIds;
import io.releaseguard.engine.state.StateStore;
import io.releaseguard.engine.train.RcScheme.Candidate;
import io.releaseguard.engine.train.RcScheme.RcVersion;
import io.releaseguard.engine.train.ReleaseCandidate.Status;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The release-candidate lifecycle. Cutting a candidate tags a commit with the next number of its version (derived
 * from the repository's tags) and abandons every open candidate; only an open candidate can be approved, and it
 * becomes final, a tag on the same commit, once every approver group has an approval for that commit (one person
 * counts for several groups only when {@code oneApprovalPerGroup} is false). Every step is audited.
 */
public final class ReleaseCandidates {
    private final ReleaseCandidateSpec spec;
    private final RcScheme scheme;
    private final TagRepository repo;
    private final RcLedger ledger;
    private final StateStore state;
    private final Clock clock;
    private final ZoneId zone;

    /**
     * Release candidates of a validated policy.
     *
     * @throws ReleaseGuardException INVALID when the policy has no {@code releaseCandidates} section
     */
    public ReleaseCandidates(
            ReleaseGuardConfig config, TagRepository repo, RcLedger ledger, StateStore state, Clock clock)
            throws ReleaseGuardException {
        this.spec = config.releaseCandidates()
                .orElseThrow(() -> new ReleaseGuardException(
                        ExitCode.INVALID, config.source() + ": no 'releaseCandidates' section"));
        this.scheme = new RcScheme(spec.scheme());
        this.repo = repo;
        this.ledger = ledger;
        this.state = state;
        this.clock = clock;
        this.zone = config.timezone();
    }

    /**
     * Cuts the next candidate on {@code revision} (default HEAD). The version is {@code version} when given, else the
     * open candidate's, else the current year with the next minor after the highest candidate of that year.
     */
    public RcStatus cut(Optional<String> version, Optional<String> revision, String actor)
            throws ReleaseGuardException {
        String commit = repo.commit(revision.orElse("HEAD"));
        List<String> names = repo.tagNames();
        RcVersion v = version.isPresent() ? RcVersion.parse(version.get()) : defaultVersion(names);
        String finalName = scheme.finalName(v);
        if (names.contains(finalName)) {
            throw new ReleaseGuardException(
                    ExitCode.INVALID, finalName + " is already final; cut a candidate of a newer version");
        }
        int n = scheme.candidates(names).stream()
                        .filter(c -> c.version().equals(v))
                        .mapToInt(Candidate::n)
                        .max()
                        .orElse(0)
                + 1;
        String name = scheme.candidate(v, n);
        Instant now = clock.instant();
        List<String> abandoned = new ArrayList<>();
        List<ReleaseCandidate> open =
                ledger.all().stream().filter(c -> c.status() == Status.OPEN).toList();
        repo.createTag(
                name,
                commit,
                "release-guard: release candidate " + name + "\n\nversion: " + v + "\ncommit: " + commit
                        + (open.isEmpty()
                                ? ""
                                : "\nsupersedes: "
                                        + open.stream()
                                                .map(ReleaseCandidate::name)
                                                .collect(Collectors.joining(", "))),
                now);
        ledger.update(current -> {
            List<ReleaseCandidate> next = new ArrayList<>();
            for (ReleaseCandidate c : current) {
                if (c.status() == Status.OPEN) {
                    abandoned.add(c.name());
                    next.add(c.abandon(name, now));
                } else {
                    next.add(c);
                }
            }
            next.add(new ReleaseCandidate(
                    name, v.toString(), n, commit, now, actor, Status.OPEN, null, null, null, List.of()));
            return next;
        });
        for (String a : abandoned) {
            audit(actor, "rc.abandon", a, "ABANDONED", a + " abandoned: superseded by " + name);
        }
        audit(actor, "rc.cut", name, "OPEN", "cut " + name + " at " + Trains.abbrev(commit));
        return status(
                find(name),
                abandoned,
                "cut " + name + " at " + Trains.abbrev(commit)
                        + (abandoned.isEmpty() ? "" : "; abandoned " + String.join(", ", abandoned)));
    }

    /** Records {@code user}'s approval of the open candidate (or the one named). */
    public RcStatus approve(String rawUser, Optional<String> candidate) throws ReleaseGuardException {
        String user = UserIds.require("approver", rawUser);
        ReleaseCandidate rc = open(candidate, user, "rc.approve");
        Set<String> groups = spec.approvers().entrySet().stream()
                .filter(e -> e.getValue().stream().anyMatch(member -> UserIds.same(member, user)))
                .map(Map.Entry::getKey)
                .collect(Collectors.toSet());
        if (groups.isEmpty()) {
            String msg = TrainReason.NOT_APPROVER + ": " + user + " is in no approver group ("
                    + String.join(
                            ", ", spec.approvers().keySet().stream().sorted().toList()) + ")";
            audit(user, "rc.approve", rc.name(), "BLOCKED", msg);
            throw new ReleaseGuardException(ExitCode.BLOCKED, msg);
        }
        boolean already = rc.approvals().stream()
                .anyMatch(a -> UserIds.same(a.user(), user) && a.commit().equals(rc.commit()));
        if (!already) {
            ReleaseCandidate.Approval approval = new ReleaseCandidate.Approval(user, clock.instant(), rc.commit());
            ledger.update(current -> current.stream()
                    .map(c -> c.name().equals(rc.name()) ? c.approve(approval) : c)
                    .toList());
            audit(user, "rc.approve", rc.name(), "APPROVED", user + " approved " + rc.name() + " for " + groups);
        }
        ReleaseCandidate now = find(rc.name());
        RcStatus s = status(now, List.of(), "");
        return status(
                now,
                List.of(),
                (already ? user + " had already approved " : user + " approved ") + rc.name() + "; " + progress(s));
    }

    /** Promotes the open candidate (or the one named) to its final tag, once every approver group approved. */
    public RcStatus promote(Optional<String> candidate, String actor) throws ReleaseGuardException {
        ReleaseCandidate rc = open(candidate, actor, "rc.promote");
        RcStatus s = status(rc, List.of(), "");
        if (!s.missing().isEmpty()) {
            String msg = TrainReason.APPROVALS + ": " + progress(s) + " for " + rc.name()
                    + (spec.oneApprovalPerGroup() ? " (one person counts for one group only)" : "");
            audit(actor, "rc.promote", rc.name(), "BLOCKED", msg);
            throw new ReleaseGuardException(ExitCode.BLOCKED, msg);
        }
        String finalName = scheme.finalName(RcVersion.parse(rc.version()));
        String approvals = s.satisfied().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
        Instant now = clock.instant();
        repo.createTag(
                finalName,
                rc.commit(),
                "release-guard: final " + finalName + "\n\npromoted-from: " + rc.name() + "\ncommit: " + rc.commit()
                        + "\napprovals: " + approvals,
                now);
        ledger.update(current -> current.stream()
                .map(c -> c.name().equals(rc.name()) ? c.promote(finalName, now) : c)
                .toList());
        audit(
                actor,
                "rc.promote",
                rc.name(),
                "FINAL",
                "promoted " + rc.name() + " to " + finalName + " (" + approvals + ")");
        return status(
                find(rc.name()),
                List.of(),
                "promoted " + rc.name() + " to " + finalName + " at " + Trains.abbrev(rc.commit()));
    }

    /** The status of the open candidate (or the one named). */
    public RcStatus status(Optional<String> candidate) throws ReleaseGuardException {
        ReleaseCandidate rc = candidate.isPresent() ? find(candidate.get()) : latest();
        RcStatus s = status(rc, List.of(), "");
        return status(rc, List.of(), rc.name() + " is " + rc.status() + "; " + progress(s));
    }

    private RcStatus status(ReleaseCandidate rc, List<String> abandoned, String message) {
        Set<String> approvers = rc.approvals().stream()
                .filter(a -> a.commit().equals(rc.commit()))
                .map(a -> UserIds.key(a.user()))
                .collect(Collectors.toSet());
        // Groups in name order, so the matching (and which group is reported missing) never depends on hash order.
        Map<String, List<String>> groups = new TreeMap<>();
        spec.approvers()
                .forEach((g, members) ->
                        groups.put(g, members.stream().map(UserIds::key).toList()));
        Map<String, String> satisfied = GroupQuorum.assign(groups, approvers, spec.oneApprovalPerGroup());
        List<String> missing = spec.approvers().keySet().stream()
                .filter(g -> !satisfied.containsKey(g))
                .sorted()
                .toList();
        return new RcStatus(
                rc.name(),
                rc.version(),
                rc.status(),
                rc.commit(),
                satisfied,
                missing,
                abandoned,
                Optional.ofNullable(rc.finalTag()),
                message);
    }

    private static String progress(RcStatus s) {
        int total = s.satisfied().size() + s.missing().size();
        return s.satisfied().size() + " of " + total + " approver groups approved"
                + (s.missing().isEmpty() ? "" : "; missing: " + String.join(", ", s.missing()));
    }

    private ReleaseCandidate open(Optional<String> candidate, String actor, String action)
            throws ReleaseGuardException {
        ReleaseCandidate rc = candidate.isPresent() ? find(candidate.get()) : latest();
        if (rc.status() != Status.OPEN) {
            String msg = TrainReason.RC_CLOSED + ": " + rc.name() + " is " + rc.status()
                    + (rc.supersededBy() != null ? " (superseded by " + rc.supersededBy() + ")" : "")
                    + (rc.finalTag() != null ? " (final " + rc.finalTag() + ")" : "");
            audit(actor, action, rc.name(), "BLOCKED", msg);
            throw new ReleaseGuardException(ExitCode.BLOCKED, msg);
        }
        return rc;
    }

    private ReleaseCandidate find(String name) throws ReleaseGuardException {
        return ledger.all().stream()
                .filter(c -> c.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new ReleaseGuardException(
                        ExitCode.INVALID, "no release candidate " + name + " (cut one with 'rc cut')"));
    }

    private ReleaseCandidate latest() throws ReleaseGuardException {
        List<ReleaseCandidate> all = ledger.all();
        if (all.isEmpty()) {
            throw new ReleaseGuardException(ExitCode.INVALID, "no release candidate yet (cut one with 'rc cut')");
        }
        return all.get(all.size() - 1);
    }

    private RcVersion defaultVersion(List<String> names) throws ReleaseGuardException {
        Optional<ReleaseCandidate> open =
                ledger.all().stream().filter(c -> c.status() == Status.OPEN).reduce((a, b) -> b);
        if (open.isPresent()) {
            return RcVersion.parse(open.get().version());
        }
        int year = LocalDate.ofInstant(clock.instant(), zone).getYear();
        int minor = scheme.candidates(names).stream()
                        .map(Candidate::version)
                        .filter(v -> v.year() == year)
                        .mapToInt(RcVersion::minor)
                        .max()
                        .orElse(0)
                + 1;
        return new RcVersion(year, minor, 0);
    }

    private void audit(String actor, String action, String subject, String verdict, String reason)
            throws ReleaseGuardException {
        state.audit().append(new AuditEntry(actor, action, null, subject, verdict, reason));
    }
}
