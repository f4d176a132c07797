package io.releaseguard.engine.approval;

import io.releaseguard.engine.approval.ApprovalStatus.Ignored;
import io.releaseguard.engine.approval.ApprovalStatus.Reason;
import io.releaseguard.engine.approval.ApprovalStatus.State;
import io.releaseguard.engine.config.ApprovalPolicy;
import io.releaseguard.engine.config.Durations;
import io.releaseguard.engine.identity.UserIds;
import io.releaseguard.engine.state.ApprovalRecord;
import io.releaseguard.engine.state.Decision;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The approval rule, as a pure function. Each user's latest decision counts. A decision counts only if the user is
 * a reviewer, is not barred (the requester or the release's author, administrators included, when self-approval is
 * prevented), was given for the current artifact digest and has not expired. One counted rejection rejects;
 * otherwise the promotion is approved when {@code required} distinct reviewers approved and every {@code allOf}
 * group has its own approver.
 *
 * <p>Every id is compared in its canonical form ({@link UserIds#key}: NFKC, case-folded). Authors are matched to
 * reviewer ids the same way ({@link Barred}): a reviewer is barred when their id
 * equals the requester, an author named in the request ({@code promote --author}), or the name, email or email local
 * part of the git author or committer of the commit the release names. Git identities are not user ids, so the
 * match over-bars rather than under-bars: {@code Alice Example <alice@example.org>} bars {@code alice} and
 * {@code alice@example.org}.
 */
public final class ApprovalRules {
    private ApprovalRules() {}

    /**
     * Who may decide under this policy: listed users, members of listed groups and of every {@code allOf} group, each
     * in its canonical form ({@link UserIds#key}).
     */
    public static Set<String> reviewers(ApprovalPolicy policy, Map<String, List<String>> groups) {
        Set<String> out = new TreeSet<>();
        for (String r : policy.reviewers()) {
            if (r.startsWith(ApprovalPolicy.GROUP_PREFIX)) {
                out.addAll(members(groups, r.substring(ApprovalPolicy.GROUP_PREFIX.length())));
            } else {
                out.add(UserIds.key(r));
            }
        }
        policy.allOf().forEach(g -> out.addAll(members(groups, g)));
        return out;
    }

    private static List<String> members(Map<String, List<String>> groups, String group) {
        return groups.getOrDefault(group, List.of()).stream().map(UserIds::key).toList();
    }

    /** Why {@code user} may not decide, or empty when they may. */
    public static Optional<Ignored> refusal(
            ApprovalPolicy policy, Map<String, List<String>> groups, Barred barred, String decider) {
        String user = UserIds.key(decider);
        Optional<String> self = policy.preventSelfApproval() ? barred.why(user) : Optional.empty();
        if (self.isPresent()) {
            return Optional.of(new Ignored(
                    user,
                    Reason.SELF_APPROVAL,
                    user + " " + self.get()
                            + " and cannot approve it (self-approval is prevented, administrators included)"));
        }
        if (!reviewers(policy, groups).contains(user)) {
            return Optional.of(new Ignored(
                    user,
                    Reason.NOT_A_REVIEWER,
                    user + " is not a reviewer (reviewers: " + String.join(", ", reviewers(policy, groups)) + ")"));
        }
        return Optional.empty();
    }

    public static ApprovalStatus evaluate(
            ApprovalPolicy policy,
            Map<String, List<String>> groups,
            Barred barred,
            String currentDigest,
            List<ApprovalRecord> decisions,
            Instant now) {
        Map<String, ApprovalRecord> latest = new LinkedHashMap<>();
        List<Ignored> ignored = new ArrayList<>();
        for (ApprovalRecord d : decisions) {
            ApprovalRecord previous = latest.put(UserIds.key(d.userId()), d);
            if (previous != null) {
                ignored.add(new Ignored(
                        d.userId(),
                        Reason.SUPERSEDED,
                        d.userId() + "'s " + name(previous.decision()) + " at " + previous.at()
                                + " was replaced by a later decision"));
            }
        }
        Set<String> approvers = new LinkedHashSet<>();
        Optional<String> rejectedBy = Optional.empty();
        for (ApprovalRecord d : latest.values()) {
            Optional<Ignored> why =
                    refusal(policy, groups, barred, d.userId()).or(() -> stale(policy, currentDigest, d, now));
            if (why.isPresent()) {
                ignored.add(why.get());
            } else if (d.decision() == Decision.REJECT) {
                rejectedBy = rejectedBy.or(() -> Optional.of(UserIds.key(d.userId())));
            } else {
                approvers.add(UserIds.key(d.userId()));
            }
        }
        Quorum q = quorum(policy, groups, approvers);
        List<String> counted = List.copyOf(approvers);
        if (rejectedBy.isPresent()) {
            ApprovalRecord r = latest.get(rejectedBy.get());
            return new ApprovalStatus(
                    State.REJECTED,
                    q.have,
                    q.need,
                    counted,
                    ignored,
                    rejectedBy,
                    "rejected by " + r.userId() + " at " + r.at() + (r.comment().isEmpty() ? "" : ": " + r.comment()));
        }
        if (q.have >= q.need) {
            return new ApprovalStatus(
                    State.APPROVED,
                    q.have,
                    q.need,
                    counted,
                    ignored,
                    Optional.empty(),
                    "approved (" + q.have + "/" + q.need + ") by " + String.join(", ", counted));
        }
        String message = "awaiting approvals (" + q.have + "/" + q.need + "): "
                + (counted.isEmpty() ? "none yet" : "approved by " + String.join(", ", counted)) + "; " + q.missing;
        return new ApprovalStatus(State.PENDING, q.have, q.need, counted, ignored, Optional.empty(), message);
    }

    private static Optional<Ignored> stale(ApprovalPolicy policy, String digest, ApprovalRecord d, Instant now) {
        if (!d.artifactDigest().equals(digest)) {
            return Optional.of(new Ignored(
                    d.userId(),
                    Reason.OTHER_ARTIFACT,
                    d.userId() + " decided on artifact " + d.artifactDigest() + ", not the current " + digest));
        }
        if (policy.expiresAfter().isPresent()
                && !now.isBefore(d.at().plus(policy.expiresAfter().get()))) {
            return Optional.of(new Ignored(
                    d.userId(),
                    Reason.EXPIRED,
                    d.userId() + "'s " + name(d.decision()) + " at " + d.at() + " expired after "
                            + Durations.format(policy.expiresAfter().get())));
        }
        return Optional.empty();
    }

    private record Quorum(int have, int need, String missing) {}

    private static Quorum quorum(ApprovalPolicy policy, Map<String, List<String>> groups, Set<String> approvers) {
        int have = 0;
        int need = 0;
        List<String> missing = new ArrayList<>();
        if (policy.required().isPresent()) {
            Set<String> pool = reviewersListed(policy, groups);
            int n = policy.required().get();
            long got = approvers.stream().filter(pool::contains).count();
            have += (int) Math.min(got, n);
            need += n;
            if (got < n) {
                missing.add("needs " + (n - got) + " more from " + String.join(", ", policy.reviewers()));
            }
        }
        if (!policy.allOf().isEmpty()) {
            Map<String, List<String>> required = new LinkedHashMap<>();
            policy.allOf().forEach(g -> required.put(g, members(groups, g)));
            Map<String, String> assigned = GroupQuorum.assign(required, approvers, true);
            have += assigned.size();
            need += required.size();
            List<String> open = policy.allOf().stream()
                    .filter(g -> !assigned.containsKey(g))
                    .toList();
            if (!open.isEmpty()) {
                missing.add("needs one approval from each of: " + String.join(", ", open));
            }
        }
        return new Quorum(have, need, String.join("; ", missing));
    }

    private static Set<String> reviewersListed(ApprovalPolicy policy, Map<String, List<String>> groups) {
        ApprovalPolicy onlyListed = new ApprovalPolicy(
                policy.required(),
                policy.reviewers(),
                List.of(),
                policy.preventSelfApproval(),
                policy.expiresAfter(),
                policy.commentOnReject(),
                policy.commentOnEmergency());
        return reviewers(onlyListed, groups);
    }

    private static String name(Decision d) {
        return d == Decision.APPROVE ? "approval" : "rejection";
    }
}
