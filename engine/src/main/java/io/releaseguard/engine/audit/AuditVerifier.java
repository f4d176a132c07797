package io.releaseguard.engine.audit;

import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.approval.DecisionEvidence;
import io.releaseguard.engine.config.ApprovalPolicy;
import io.releaseguard.engine.config.EnvironmentSpec;
import io.releaseguard.engine.config.ReleaseGuardConfig;
import io.releaseguard.engine.identity.SshSignatures;
import io.releaseguard.engine.manifest.ReleaseManifests;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What {@code audit verify} decides about a state directory: the audit log's hash chain ({@link AuditChain}), every
 * release manifest's anchor into it, and, when the policy is at hand, every signed decision's signature against the
 * environment's {@code approvals.allowedSigners}. Without the policy the signatures are not checked and a warning
 * says so.
 */
public final class AuditVerifier {
    private AuditVerifier() {}

    /** Verifies {@code log} with the manifests under {@code stateDir}, and signatures under {@code policy}. */
    public static AuditVerification verify(AuditLog log, Path stateDir, Optional<ReleaseGuardConfig> policy)
            throws ReleaseGuardException {
        AuditReadResult read = log.read();
        AuditVerification anchored = AuditChain.verify(read, new ReleaseManifests(stateDir).anchors());
        if (!anchored.ok()) {
            return anchored;
        }
        List<String> warnings = new ArrayList<>(anchored.warnings());
        int checked = 0;
        for (AuditRecord r : read.records()) {
            Optional<String> signature = Optional.ofNullable(r.details().get(DecisionEvidence.SIGNATURE));
            if (signature.isEmpty()
                    || !r.action().startsWith("approval.")
                    || r.verdict().equals("REFUSED")) {
                continue;
            }
            if (policy.isEmpty()) {
                warnings.add("signatures not re-verified: no policy to read approvals.allowedSigners from (--config)");
                break;
            }
            Optional<ApprovalPolicy> approvals = Optional.ofNullable(r.environment())
                    .flatMap(policy.get()::environment)
                    .flatMap(EnvironmentSpec::approvals);
            if (approvals.isEmpty() || approvals.get().allowedSigners().isEmpty()) {
                warnings.add("record " + r.seq() + ": signature not re-verified: environment " + r.environment()
                        + " has no approvals.allowedSigners in the policy");
                continue;
            }
            Optional<String> bad;
            try {
                bad = new SshSignatures(approvals.get().allowedSigners().get())
                        .problem(DecisionEvidence.signed(r), signature.get());
            } catch (RuntimeException e) {
                bad = Optional.of("the record does not hold a decision that can be signed (" + e.getMessage() + ")");
            }
            if (bad.isPresent()) {
                return new AuditVerification(
                        anchored.records(),
                        OptionalLong.of(r.seq()),
                        Optional.of(
                                "record " + r.seq() + ": " + r.actor() + "'s signed " + r.action() + ": " + bad.get()),
                        warnings,
                        anchored.anchors(),
                        checked);
            }
            checked++;
        }
        return new AuditVerification(
                anchored.records(), OptionalLong.empty(), Optional.empty(), warnings, anchored.anchors(), checked);
    }
}
