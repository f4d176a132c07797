package io.releaseguard.engine.promotion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.approval.ApprovalStatus;
import io.releaseguard.engine.approval.Approvals;
import io.releaseguard.engine.approval.DecisionEvidence;
import io.releaseguard.engine.audit.AuditCodec;
import io.releaseguard.engine.audit.AuditEntry;
import io.releaseguard.engine.audit.AuditRecord;
import io.releaseguard.engine.audit.AuditVerification;
import io.releaseguard.engine.audit.AuditVerifier;
import io.releaseguard.engine.config.ConfigLoader;
import io.releaseguard.engine.config.ReleaseGuardConfig;
import io.releaseguard.engine.health.HttpHealthProbe;
import io.releaseguard.engine.identity.DecisionSigner;
import io.releaseguard.engine.identity.SignedDecision;
import io.releaseguard.engine.identity.SshSignatures;
import io.releaseguard.engine.state.Decision;
import io.releaseguard.engine.state.FileStateStore;
import io.releaseguard.engine.testing.ExternalTools;
import io.releaseguard.engine.testing.MutableClock;
import io.releaseguard.engine.testing.Sshd;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12 item 17: decisions signed with OpenSSH ({@code ssh-keygen -Y sign}, namespace release-guard) and verified
 * against the policy's allowed_signers. Real ssh-keygen throughout: a good signature counts; an unsigned decision,
 * one signed with another key and one whose signature was made for another promotion are refused; a signed record
 * edited afterwards no longer counts and fails {@code audit verify}.
 */
class SignedApprovalsIT {
    @TempDir
    Path tmp;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T15:00:00Z"));
    private final HttpHealthProbe probe = new HttpHealthProbe();
    private ReleaseGuardConfig config;
    private FileStateStore state;
    private Promoter promoter;
    private Approvals approvals;
    private Path bobKey;
    private Path malloryKey;

    @BeforeEach
    void setUp() throws Exception {
        ExternalTools.require("ssh-keygen", "openssh-client", "signed approvals");
        bobKey = key("bob");
        malloryKey = key("mallory");
        Files.writeString(
                tmp.resolve("allowed_signers"),
                Sshd.allowedSigner("bob", bobKey) + Sshd.allowedSigner("carol", key("carol")));
        config = ConfigLoader.parse(
                """
                version: 1
                environments:
                  - name: mainnet
                    approvals:
                      required: 1
                      reviewers: [bob, carol]
                      allowedSigners: allowed_signers
                      requireSignedApprovals: true
                """,
                "release-guard.yaml",
                tmp);
        state = new FileStateStore(tmp.resolve("state"), clock);
        promoter = new Promoter(TestPromotions.context(
                config, state, tmp.resolve("state"), clock, probe, Map::of, clock::advance, Optional.empty(), l -> {}));
        approvals = new Approvals(config, state, clock);
    }

    @AfterEach
    void tearDown() {
        probe.close();
    }

    /** A new key pair {@code id_NAME} in the test folder. */
    private Path key(String name) throws Exception {
        return Sshd.keygen(tmp.resolve("id_" + name));
    }

    private String promote(String release) throws ReleaseGuardException {
        PromotionResult r = promoter.promote(
                new PromoteRequest(release, "mainnet", "zoe", "tag:" + release, Optional.empty(), false));
        assertThat(r.awaitsApprovals()).as(r.message()).isTrue();
        return r.promotionId();
    }

    @Test
    void aGoodSignatureCountsAndAuditVerifyReVerifiesIt() throws Exception {
        String id = promote("v1.0.0");

        ApprovalStatus status =
                approvals.decide(id, "bob", Decision.APPROVE, "lgtm", Optional.of(SshSignatures.signer(bobKey)));

        assertThat(status.state()).isEqualTo(ApprovalStatus.State.APPROVED);
        assertThat(approvals.status(id).counted()).containsExactly("bob");
        AuditRecord record = last();
        assertThat(record.details().get(DecisionEvidence.SIGNATURE)).startsWith("-----BEGIN SSH SIGNATURE-----");
        AuditVerification v = AuditVerifier.verify(state.audit(), tmp.resolve("state"), Optional.of(config));
        assertThat(v.ok()).as(v.error().orElse("")).isTrue();
        assertThat(v.signatures()).isEqualTo(1);
        PromotionResult live =
                promoter.promote(new PromoteRequest("v1.0.0", "mainnet", "zoe", "tag:v1.0.0", Optional.empty(), false));
        assertThat(live.outcome()).as(live.message()).isEqualTo(PromotionResult.Outcome.SUCCEEDED);
    }

    @Test
    void unsignedWrongKeyAndAnotherPromotionsSignatureAreRefusedAndNothingIsStored() throws Exception {
        String id = promote("v1.0.0");
        String other = promote("v1.0.1");
        assertThat(other).isNotEqualTo(id);

        assertThatThrownBy(() -> approvals.decide(id, "bob", Decision.APPROVE, ""))
                .isInstanceOfSatisfying(ReleaseGuardException.class, e -> assertThat(e.exitCode())
                        .isEqualTo(ExitCode.BLOCKED))
                .hasMessage("refused: mainnet requires signed decisions; sign with --sign-with KEY (an OpenSSH key"
                        + " listed for bob in allowed_signers)");
        assertThatThrownBy(() -> approvals.decide(
                        id, "bob", Decision.APPROVE, "", Optional.of(SshSignatures.signer(malloryKey))))
                .isInstanceOfSatisfying(ReleaseGuardException.class, e -> assertThat(e.exitCode())
                        .isEqualTo(ExitCode.BLOCKED))
                .hasMessageStartingWith("refused: not a valid signature by bob for this decision under"
                        + " allowed_signers (ssh-keygen: ");
        DecisionSigner bob = SshSignatures.signer(bobKey);
        DecisionSigner forOther = d -> bob.sign(
                new SignedDecision(other, "v1.0.1", "tag:v1.0.1", d.environment(), d.decision(), d.user(), d.at()));
        assertThatThrownBy(() -> approvals.decide(id, "bob", Decision.APPROVE, "", Optional.of(forOther)))
                .hasMessageStartingWith("refused: not a valid signature by bob for this decision");

        assertThat(state.approvals(id)).isEmpty();
        assertThat(approvals.status(id).state()).isEqualTo(ApprovalStatus.State.PENDING);
        assertThat(state.audit().read().records())
                .filteredOn(r -> r.action().equals("approval.approve"))
                .extracting(AuditRecord::verdict)
                .containsExactly("REFUSED", "REFUSED", "REFUSED");
    }

    @Test
    void aSignedRecordEditedWithTheChainRecomputedNoLongerCountsAndAuditVerifyFails() throws Exception {
        String id = promote("v1.0.0");
        approvals.decide(id, "bob", Decision.APPROVE, "", Optional.of(SshSignatures.signer(bobKey)));
        Path log = tmp.resolve("state/audit.jsonl");

        rewrite(log, r -> {
            if (!r.action().equals("approval.approve")) {
                return r.entry();
            }
            Map<String, String> details = new HashMap<>(r.details());
            details.put("release", "v6.6.6");
            AuditEntry e = r.entry();
            return new AuditEntry(
                    e.actor(), e.action(), e.environment(), e.subject(), e.verdict(), e.reason(), details);
        });
        rewriteStateHash(id);

        assertThat(state.audit().verify().ok())
                .as("the chain alone cannot tell")
                .isTrue();
        AuditVerification v = AuditVerifier.verify(state.audit(), tmp.resolve("state"), Optional.of(config));
        assertThat(v.ok()).isFalse();
        assertThat(v.error().orElseThrow())
                .matches("record \\d+: bob's signed approval.approve: not a valid signature by bob for this decision"
                        + " under allowed_signers \\(ssh-keygen: .*incorrect signature\\)");
        ApprovalStatus status = approvals.status(id);
        assertThat(status.state()).isEqualTo(ApprovalStatus.State.PENDING);
        assertThat(status.ignored()).singleElement().satisfies(i -> assertThat(i.reason())
                .isEqualTo(ApprovalStatus.Reason.BAD_SIGNATURE));
    }

    @Test
    void aDecisionForgedIntoBothTheLogAndTheStateFileWithoutAKeyDoesNotCount() throws Exception {
        String id = promote("v1.0.0");
        Instant at = clock.instant();
        AuditRecord forged = state.audit()
                .append(new AuditEntry(
                        "carol",
                        "approval.approve",
                        "mainnet",
                        id,
                        "APPROVED",
                        "forged",
                        Map.of(
                                "release",
                                "v1.0.0",
                                "artifactDigest",
                                "tag:v1.0.0",
                                DecisionEvidence.DECIDED_AT,
                                at.toString(),
                                DecisionEvidence.COMMENT,
                                "")));
        state.addApproval(
                new io.releaseguard.engine.state.ApprovalRecord(id, "carol", at, "", "tag:v1.0.0", Decision.APPROVE)
                        .audited(forged.seq(), forged.hash()));

        ApprovalStatus status = approvals.status(id);

        assertThat(status.state()).isEqualTo(ApprovalStatus.State.PENDING);
        assertThat(status.ignored()).singleElement().satisfies(i -> assertThat(i.message())
                .isEqualTo("carol's approval at " + at + " is not signed (the policy requires signed" + " approvals)"));
    }

    private AuditRecord last() throws ReleaseGuardException {
        List<AuditRecord> records = state.audit().read().records();
        return records.get(records.size() - 1);
    }

    private void rewrite(Path log, java.util.function.Function<AuditRecord, AuditEntry> change) throws Exception {
        StringBuilder out = new StringBuilder();
        String prev = AuditRecord.GENESIS_HASH;
        for (AuditRecord r : state.audit().read().records()) {
            AuditRecord sealed = AuditCodec.seal(r.seq(), r.at(), change.apply(r), prev);
            out.append(new String(AuditCodec.line(sealed), StandardCharsets.UTF_8));
            prev = sealed.hash();
        }
        Files.writeString(log, out.toString());
    }

    /** The forger also points the state file's decision at the rewritten record, as a careful attacker would. */
    private void rewriteStateHash(String id) throws Exception {
        Path file = tmp.resolve("state/promotions/" + id + ".json");
        AuditRecord rewritten = state.audit().read().records().stream()
                .filter(r -> r.action().equals("approval.approve"))
                .findFirst()
                .orElseThrow();
        String json = Files.readString(file);
        String old = state.approvals(id).get(0).auditHash();
        Files.writeString(file, json.replace(old, rewritten.hash()));
    }
}
