package io.releaseguard.engine.promotion;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.releaseguard.engine.JsonReports;
import io.releaseguard.engine.approval.ApprovalStatus;
import io.releaseguard.engine.approval.Approvals;
import io.releaseguard.engine.config.ConfigLoader;
import io.releaseguard.engine.config.ReleaseGuardConfig;
import io.releaseguard.engine.health.HttpHealthProbe;
import io.releaseguard.engine.state.Decision;
import io.releaseguard.engine.state.FileStateStore;
import io.releaseguard.engine.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12 item 16: a decision written into {@code promotions/<id>.json} by editing the file counts for nothing; only
 * a decision with its own audit record (same promotion, user, decision, instant and digest, at the position and with
 * the hash the decision names) is counted.
 */
class ForgedApprovalsTest {
    @TempDir
    Path tmp;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T15:00:00Z"));
    private final HttpHealthProbe probe = new HttpHealthProbe();
    private FileStateStore state;
    private Promoter promoter;
    private Approvals approvals;

    private void policy(int required) throws Exception {
        ReleaseGuardConfig config = ConfigLoader.parse(
                """
                version: 1
                environments:
                  - name: mainnet
                    approvals: { required: %d, reviewers: [bob, carol, dave] }
                """
                        .formatted(required),
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

    private PromotionResult promote() throws Exception {
        return promoter.promote(new PromoteRequest("v1.0.0", "mainnet", "zoe", "tag:v1.0.0", Optional.empty(), false));
    }

    private Path promotionFile(String id) {
        return tmp.resolve("state/promotions/" + id + ".json");
    }

    @Test
    void anApprovalWrittenIntoTheStateFileWithoutItsAuditRecordIsNotCounted() throws Exception {
        policy(1);
        String id = promote().promotionId();
        Path file = promotionFile(id);
        ObjectNode doc = (ObjectNode) JsonReports.MAPPER.readTree(Files.readString(file));
        ObjectNode forged = ((ArrayNode) doc.get("approvals")).addObject();
        forged.put("promotionId", id);
        forged.put("userId", "carol");
        forged.put("at", "2026-11-24T15:00:00Z");
        forged.put("comment", "");
        forged.put("artifactDigest", "tag:v1.0.0");
        forged.put("decision", "APPROVE");
        Files.writeString(file, JsonReports.write(doc));

        ApprovalStatus status = approvals.status(id);
        PromotionResult again = promote();

        assertThat(status.state()).isEqualTo(ApprovalStatus.State.PENDING);
        assertThat(status.ignored()).singleElement().satisfies(i -> assertThat(i.message())
                .isEqualTo("carol's approval at 2026-11-24T15:00:00Z has no matching audit record (not"
                        + " given through release-guard, or the audit log was changed)"));
        assertThat(again.awaitsApprovals()).as(again.message()).isTrue();
        assertThat(again.message()).contains("awaiting approvals (0/1)");
    }

    @Test
    void aCopyOfAnotherReviewersAuditedApprovalIsNotCounted() throws Exception {
        policy(2);
        String id = promote().promotionId();
        approvals.decide(id, "bob", Decision.APPROVE, "lgtm");
        Path file = promotionFile(id);
        ObjectNode doc = (ObjectNode) JsonReports.MAPPER.readTree(Files.readString(file));
        ArrayNode list = (ArrayNode) doc.get("approvals");
        ObjectNode copy = list.get(0).deepCopy();
        copy.put("userId", "carol");
        list.add(copy);
        Files.writeString(file, JsonReports.write(doc));

        ApprovalStatus status = approvals.status(id);

        assertThat(status.state()).isEqualTo(ApprovalStatus.State.PENDING);
        assertThat(status.counted()).containsExactly("bob");
        assertThat(status.message()).startsWith("awaiting approvals (1/2)");
    }
}
