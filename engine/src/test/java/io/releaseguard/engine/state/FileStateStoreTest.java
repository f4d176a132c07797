package io.releaseguard.engine.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.audit.AuditEntry;
import io.releaseguard.engine.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileStateStoreTest {
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(T0);

    private FileStateStore store() throws ReleaseGuardException {
        return new FileStateStore(dir, clock);
    }

    private static Deployment running(String id, String env, String release, int hour) {
        return new Deployment(
                id,
                env,
                release,
                List.of("api", "web"),
                T0.plus(Duration.ofHours(hour)),
                null,
                Outcome.RUNNING,
                "promo-" + id);
    }

    @Test
    void createsTheLayoutWithAFormatVersion() throws Exception {
        FileStateStore store = store();
        store.recordDeployment(running("d1", "mainnet", "1.0.0", 0));
        store.savePromotion(promotion("promo-1", "mainnet"));
        store.audit().append(new AuditEntry("alice", "promotion.request", "mainnet", "promo-1", "OPEN", "asked"));
        store.locks().acquire("mainnet", "promo-1", Duration.ofMinutes(5));

        assertThat(Files.readString(dir.resolve("state-format"))).isEqualTo("1\n");
        assertThat(dir.resolve("environments/mainnet/deployments.json")).isRegularFile();
        assertThat(dir.resolve("promotions/promo-1.json")).isRegularFile();
        assertThat(dir.resolve("audit.jsonl")).isRegularFile();
        assertThat(dir.resolve("locks/mainnet.json")).isRegularFile();
    }

    @Test
    void refusesAStateDirectoryInAnotherFormat() throws Exception {
        Files.writeString(dir.resolve("state-format"), "2\n");

        assertThatThrownBy(this::store)
                .hasMessage(dir.resolve("state-format") + ": state format \"2\" is not supported (this release-guard"
                        + " reads format 1)");
    }

    @Test
    void recordingTheSameIdAgainUpdatesTheDeployment() throws Exception {
        Deployment started = running("d1", "mainnet", "1.0.0", 0);
        store().recordDeployment(started);
        Deployment finished = started.finish(T0.plus(Duration.ofMinutes(20)), Outcome.SUCCEEDED);

        store().recordDeployment(finished);

        assertThat(store().deployments("mainnet")).containsExactly(finished);
    }

    @Test
    void lastSuccessfulIsTheNewestSucceededDeployment() throws Exception {
        FileStateStore store = store();
        Deployment ok1 = running("d1", "mainnet", "1.0.0", 0).finish(T0.plus(Duration.ofHours(1)), Outcome.SUCCEEDED);
        Deployment ok2 = running("d2", "mainnet", "1.1.0", 2).finish(T0.plus(Duration.ofHours(3)), Outcome.SUCCEEDED);
        Deployment failed =
                running("d3", "mainnet", "1.2.0", 4).finish(T0.plus(Duration.ofHours(5)), Outcome.ROLLED_BACK);
        store.recordDeployment(ok2);
        store.recordDeployment(failed);
        store.recordDeployment(ok1);

        assertThat(store.deployments("mainnet")).containsExactly(ok1, ok2, failed);
        assertThat(store.lastSuccessful("mainnet")).hasValue(ok2);
        assertThat(store.lastSuccessful("staging")).isEmpty();
    }

    @Test
    void historyIsNewestFirstForOneOrAllEnvironments() throws Exception {
        FileStateStore store = store();
        Deployment a = running("d1", "staging", "1.0.0", 0);
        Deployment b = running("d2", "mainnet", "1.0.0", 1);
        Deployment c = running("d3", "staging", "1.1.0", 2);
        store.recordDeployment(a);
        store.recordDeployment(b);
        store.recordDeployment(c);

        assertThat(store.history(Optional.empty())).containsExactly(c, b, a);
        assertThat(store.history(Optional.of("staging"))).containsExactly(c, a);
        assertThat(store.history(Optional.of("qa"))).isEmpty();
    }

    @Test
    void promotionsKeepTheirApprovalsInOrderWhenUpdated() throws Exception {
        FileStateStore store = store();
        PendingPromotion promotion = promotion("promo-1", "mainnet");
        store.savePromotion(promotion);
        ApprovalRecord approve =
                new ApprovalRecord("promo-1", "bob", T0.plusSeconds(60), "ok", "sha256:abc", Decision.APPROVE);
        ApprovalRecord reject =
                new ApprovalRecord("promo-1", "carol", T0.plusSeconds(90), null, "sha256:abc", Decision.REJECT);
        store.addApproval(approve);
        store.addApproval(reject);

        store.savePromotion(promotion.withStatus(PromotionStatus.REJECTED));

        assertThat(store().promotion("promo-1")).hasValue(promotion.withStatus(PromotionStatus.REJECTED));
        assertThat(store().approvals("promo-1")).containsExactly(approve, reject);
        assertThat(reject.comment()).isEmpty();
        assertThat(store().approvals("promo-unknown")).isEmpty();
        assertThat(store().promotion("promo-unknown")).isEmpty();
    }

    @Test
    void promotionsAreListedPerEnvironmentOldestFirst() throws Exception {
        FileStateStore store = store();
        PendingPromotion first = promotion("promo-b", "mainnet");
        clock.advance(Duration.ofMinutes(1));
        PendingPromotion second = promotion("promo-a", "mainnet");
        PendingPromotion other = promotion("promo-c", "staging");
        store.savePromotion(second);
        store.savePromotion(first);
        store.savePromotion(other);

        assertThat(store.promotions(Optional.of("mainnet"))).containsExactly(first, second);
        assertThat(store.promotions(Optional.empty())).containsExactly(first, second, other);
    }

    @Test
    void anApprovalForAnUnknownPromotionIsRefused() {
        ApprovalRecord approval = new ApprovalRecord("promo-x", "bob", T0, "", "sha256:abc", Decision.APPROVE);

        assertThatThrownBy(() -> store().addApproval(approval))
                .isInstanceOfSatisfying(ReleaseGuardException.class, e -> assertThat(e.exitCode())
                        .isEqualTo(ExitCode.INVALID))
                .hasMessage("promotion promo-x does not exist; cannot record the decision of bob");
    }

    @Test
    void unsafeIdsNeverReachThePath() {
        assertThatThrownBy(() -> store().deployments("../../etc"))
                .hasMessageStartingWith("environment id \"../../etc\" is not allowed");
        assertThatThrownBy(() -> store().promotion("../promo"))
                .hasMessageStartingWith("promotion id \"../promo\" is not allowed");
        assertThatThrownBy(() -> store().recordDeployment(running("d1", "a/b", "1.0.0", 0)))
                .hasMessageStartingWith("environment id \"a/b\" is not allowed");
        assertThat(dir.getParent().resolve("etc")).doesNotExist();
    }

    @Test
    void aCorruptStateFileIsAnErrorNamingItAndIsNeverReset() throws Exception {
        store().recordDeployment(running("d1", "mainnet", "1.0.0", 0));
        Path file = dir.resolve("environments/mainnet/deployments.json");
        String corrupt = "[ { \"id\": \"d1\", \"environment\": \"mainnet\" ";
        Files.writeString(file, corrupt);

        assertThatThrownBy(() -> store().deployments("mainnet"))
                .isInstanceOfSatisfying(ReleaseGuardException.class, e -> assertThat(e.exitCode())
                        .isEqualTo(ExitCode.UNEXPECTED))
                .hasMessageStartingWith(file + ":1:")
                .hasMessageContaining("corrupt state file");
        assertThatThrownBy(() -> store().recordDeployment(running("d2", "mainnet", "1.1.0", 1)))
                .hasMessageStartingWith(file + ":1:");
        assertThat(Files.readString(file)).isEqualTo(corrupt);
    }

    @Test
    void aStateFileThatBreaksARuleIsCorruptToo() throws Exception {
        Path file = dir.resolve("environments/mainnet/deployments.json");
        Files.createDirectories(file.getParent());
        Files.writeString(
                file,
                """
                [{"id":"d1","environment":"mainnet","release":"1.0.0","services":[],"start":"2026-11-22T10:00:00Z",
                  "end":null,"outcome":"SUCCEEDED","promotionId":"p"}]
                """);

        assertThatThrownBy(() -> store().deployments("mainnet"))
                .hasMessageStartingWith(file + ":")
                .hasMessageContaining("end must be set exactly when the outcome is final");
    }

    @Test
    void aPromotionFileWrittenBeforeAuthorsWereRecordedLoadsWithNone() throws Exception {
        Path file = dir.resolve("promotions/promo-old.json");
        Files.createDirectories(file.getParent());
        Files.writeString(
                file,
                """
                {"promotion":{"id":"promo-old","environment":"mainnet","release":"1.0.0","requestedBy":"alice",
                  "artifactDigest":"sha256:abc","createdAt":"2026-11-22T10:00:00Z","status":"PENDING"},
                 "approvals":[]}
                """);

        PendingPromotion p = store().promotion("promo-old").orElseThrow();

        assertThat(p.requestedBy()).isEqualTo("alice");
        assertThat(p.authors()).isEmpty();
    }

    @Test
    void recordedAuthorsSurviveAnUpdate() throws Exception {
        FileStateStore store = store();
        List<ReleaseAuthor> authors = List.of(
                ReleaseAuthor.named("bob"),
                new ReleaseAuthor(ReleaseAuthor.Source.GIT_AUTHOR, "Alice Example", "alice@example.org"));
        store.savePromotion(new PendingPromotion(
                "promo-1", "mainnet", "1.0.0", "zoe", "sha256:abc", T0, PromotionStatus.PENDING, authors));
        store.savePromotion(store.promotion("promo-1").orElseThrow().withStatus(PromotionStatus.APPROVED));

        assertThat(store().promotion("promo-1").orElseThrow().authors()).isEqualTo(authors);
        assertThat(Files.readString(dir.resolve("promotions/promo-1.json")))
                .contains("\"source\" : \"GIT_AUTHOR\"", "\"email\" : \"alice@example.org\"");
    }

    private PendingPromotion promotion(String id, String env) {
        return new PendingPromotion(
                id, env, "1.0.0", "alice", "sha256:abc", clock.instant(), PromotionStatus.PENDING, List.of());
    }
}
