package io.releaseguard.engine.approval;

import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.approval.ApprovalStatus.Ignored;
import io.releaseguard.engine.approval.ApprovalStatus.Reason;
import io.releaseguard.engine.audit.AuditCodec;
import io.releaseguard.engine.audit.AuditRecord;
import io.releaseguard.engine.config.ApprovalPolicy;
import io.releaseguard.engine.identity.SignedDecision;
import io.releaseguard.engine.identity.SshSignatures;
import io.releaseguard.engine.identity.UserIds;
import io.releaseguard.engine.state.ApprovalRecord;
import io.releaseguard.engine.state.Decision;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides which stored decisions are backed by evidence. A decision in the state file counts only with its audit
 * record: the record at the position it names, carrying the hash it names (and that hash being the record's own),
 * made for the same promotion by the same user with the same decision, instant, digest and comment, and not a
 * refusal. When the policy names {@code allowedSigners}, a record's signature must verify for the decision's
 * canonical text; under {@code requireSignedApprovals} a record without one does not count either.
 */
public final class DecisionEvidence {
    /** The audit detail holding the decision's armored OpenSSH signature. */
    public static final String SIGNATURE = "signature";
    /** The audit detail holding the instant the decision was made and signed at. */
    public static final String DECIDED_AT = "decidedAt";
    /** The audit detail holding the decision's comment. */
    public static final String COMMENT = "comment";

    private DecisionEvidence() {}

    /** The decisions that have their evidence, and those that do not with why. */
    public record Checked(List<Backed> backed, List<Ignored> ignored) {
        public Checked {
            backed = List.copyOf(backed);
            ignored = List.copyOf(ignored);
        }

        /** The backed decisions alone. */
        public List<ApprovalRecord> decisions() {
            return backed.stream().map(Backed::decision).toList();
        }
    }

    /** A decision and the audit record that backs it. */
    public record Backed(ApprovalRecord decision, AuditRecord record) {}

    /** The audit action of a decision. */
    public static String action(Decision d) {
        return d == Decision.APPROVE ? "approval.approve" : "approval.reject";
    }

    /** Checks {@code decisions} against the audit log's {@code records} and, where the policy asks, signatures. */
    public static Checked check(ApprovalPolicy policy, List<ApprovalRecord> decisions, List<AuditRecord> records)
            throws ReleaseGuardException {
        Map<Long, AuditRecord> bySeq = new HashMap<>();
        records.forEach(r -> bySeq.put(r.seq(), r));
        List<Backed> backed = new ArrayList<>();
        List<Ignored> ignored = new ArrayList<>();
        Optional<SshSignatures> signatures = policy.allowedSigners().map(SshSignatures::new);
        for (ApprovalRecord d : decisions) {
            AuditRecord r = bySeq.get(d.auditSeq());
            if (r == null || !matches(d, r)) {
                ignored.add(new Ignored(
                        UserIds.key(d.userId()),
                        Reason.UNAUDITED,
                        d.userId() + "'s " + name(d.decision()) + " at " + d.at() + " has no matching audit record"
                                + " (not given through release-guard, or the audit log was changed)"));
                continue;
            }
            Optional<String> signature = Optional.ofNullable(r.details().get(SIGNATURE));
            if (signature.isEmpty() && policy.requireSignedApprovals()) {
                ignored.add(new Ignored(
                        UserIds.key(d.userId()),
                        Reason.UNSIGNED,
                        d.userId() + "'s " + name(d.decision()) + " at " + d.at()
                                + " is not signed (the policy requires signed approvals)"));
                continue;
            }
            if (signature.isPresent() && signatures.isPresent()) {
                Optional<String> bad = signatures.get().problem(signed(r), signature.get());
                if (bad.isPresent()) {
                    ignored.add(new Ignored(
                            UserIds.key(d.userId()),
                            Reason.BAD_SIGNATURE,
                            d.userId() + "'s " + name(d.decision()) + " at " + d.at() + ": " + bad.get()));
                    continue;
                }
            }
            backed.add(new Backed(d, r));
        }
        return new Checked(backed, ignored);
    }

    /** Whether audit record {@code r} is the record of decision {@code d}. */
    static boolean matches(ApprovalRecord d, AuditRecord r) {
        return d.auditSeq() > 0
                && r.hash().equals(d.auditHash())
                && AuditCodec.expectedHash(r).equals(r.hash())
                && r.subject().equals(d.promotionId())
                && r.action().equals(action(d.decision()))
                && !r.verdict().equals("REFUSED")
                && UserIds.same(r.actor(), d.userId())
                && d.at().toString().equals(r.details().get(DECIDED_AT))
                && d.artifactDigest().equals(r.details().get("artifactDigest"))
                && d.comment().equals(r.details().getOrDefault(COMMENT, ""));
    }

    /** The text a decision's audit record says was signed. */
    public static SignedDecision signed(AuditRecord r) {
        return new SignedDecision(
                r.subject(),
                r.details().getOrDefault("release", ""),
                r.details().getOrDefault("artifactDigest", ""),
                r.environment() == null ? "" : r.environment(),
                r.action().equals("approval.reject") ? Decision.REJECT.name() : Decision.APPROVE.name(),
                r.actor(),
                Instant.parse(r.details().getOrDefault(DECIDED_AT, r.at().toString())));
    }

    private static String name(Decision d) {
        return d == Decision.APPROVE ? "approval" : "rejection";
    }
}
