package io.releaseguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseguard.engine.state.FileStateStore;
import io.releaseguard.engine.state.PromotionStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code release-guard promote} refusing bad requests: each answers with its exit code and a message naming what was
 * observed against the rule, and leaves the state directory (promotions, deployments, approvals, audit log) exactly as
 * it was, or, where an open promotion exists, changes nothing but the audit records of the refused decision.
 */
class PromoteBadInputTest {
    private static final Instant T0 = Instant.parse("2026-11-24T15:00:00Z");

    @TempDir
    Path tmp;

    private Path stateDir;
    private String[] base;

    @BeforeEach
    void setUp() throws Exception {
        Path config = tmp.resolve("release-guard.yaml");
        Files.writeString(
                config,
                """
                version: 1
                groups: { leads: [alice, bob, carol] }
                environments:
                  - name: local
                  - name: testnet
                  - name: mainnet
                    approvals: { required: 1, reviewers: [group:leads], expiresAfter: 24h }
                """);
        stateDir = tmp.resolve("state");
        base = new String[] {"--config", config.toString(), "--state-dir", stateDir.toString()};
        assertThat(promote(T0, "sha-1111111", "local").code()).isZero();
    }

    private CliRunner.Result run(Instant at, String... args) {
        List<String> all = new ArrayList<>(List.of(base));
        all.addAll(List.of(args));
        return CliRunner.runWith(Clock.fixed(at, ZoneOffset.UTC), Map.of(), all.toArray(String[]::new));
    }

    private CliRunner.Result promote(Instant at, String release, String to, String... more) {
        List<String> args = new ArrayList<>(List.of("promote", "--release", release, "--to", to, "--as", "zoe"));
        args.addAll(List.of(more));
        return run(at, args.toArray(String[]::new));
    }

    @Test
    void anUnknownReleaseIsRefusedAndNothingIsRecorded() throws Exception {
        var before = StateFiles.of(stateDir);

        CliRunner.Result r = promote(T0.plusSeconds(60), "sha-deadbee", "testnet");

        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.out())
                .startsWith("BLOCKED: request refused, nothing recorded:\n  PATH: sha-deadbee has not succeeded in"
                        + " local; promotion is only from the previous environment; sha-deadbee is an unknown release:"
                        + " it has not succeeded in any environment yet; releases enter the path at local");
        assertThat(StateFiles.of(stateDir)).isEqualTo(before);
    }

    @Test
    void skippingAnEnvironmentIsRefusedAndNothingIsRecorded() throws Exception {
        var before = StateFiles.of(stateDir);

        CliRunner.Result r = promote(T0.plusSeconds(60), "sha-1111111", "mainnet");

        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.out())
                .contains("PATH: sha-1111111 has not succeeded in testnet; promotion is only from the previous"
                        + " environment")
                .doesNotContain("unknown release");
        assertThat(StateFiles.of(stateDir)).isEqualTo(before);
    }

    @Test
    void anOlderReleaseThanTheLiveOneIsRefusedWithoutRollbackAndNothingIsRecorded() throws Exception {
        assertThat(promote(T0.plusSeconds(3600), "sha-2222222", "local").code()).isZero();
        var before = StateFiles.of(stateDir);

        CliRunner.Result r = promote(T0.plusSeconds(7200), "sha-1111111", "local");

        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.out())
                .contains("RELEASE_ORDER: sha-1111111 entered local at 2026-11-24T15:00:00Z, before live sha-2222222"
                        + " (2026-11-24T16:00:00Z); an older release needs --rollback");
        assertThat(StateFiles.of(stateDir)).isEqualTo(before);

        CliRunner.Result rollback = promote(T0.plusSeconds(7200), "sha-1111111", "local", "--rollback");
        assertThat(rollback.code()).as(rollback.out()).isZero();
        assertThat(rollback.out()).startsWith("SUCCEEDED: sha-1111111 is live in local");
    }

    @Test
    void anExpiredApprovalDoesNotCountAndTheBlockedPromotionDeploysNothing() throws Exception {
        assertThat(promote(T0.plusSeconds(60), "sha-1111111", "testnet").code()).isZero();
        CliRunner.Result waiting = promote(T0.plusSeconds(120), "sha-1111111", "mainnet");
        assertThat(waiting.code()).isEqualTo(2);
        String id = promotionId(waiting.out());
        assertThat(run(T0.plusSeconds(180), "approve", "--promotion", id, "--as", "bob")
                        .code())
                .isZero();
        FileStateStore store = new FileStateStore(stateDir, CliRunner.CLOCK);
        var approvals = store.approvals(id);
        var deployments = store.deployments("mainnet");
        int audited = store.audit().read().records().size();

        CliRunner.Result expired = promote(T0.plusSeconds(180).plus(Duration.ofHours(24)), "sha-1111111", "mainnet");

        assertThat(expired.code()).as(expired.out() + expired.err()).isEqualTo(2);
        assertThat(expired.out())
                .contains("APPROVALS: awaiting approvals (0/1): none yet; needs 1 more from group:leads; not counted:"
                        + " bob's approval at 2026-11-24T15:03:00Z expired after 1d (promotion " + id + ")");
        assertThat(store.approvals(id)).isEqualTo(approvals);
        assertThat(store.deployments("mainnet")).isEqualTo(deployments).isEmpty();
        assertThat(store.promotions(Optional.of("mainnet"))).singleElement().satisfies(p -> assertThat(p.status())
                .isEqualTo(PromotionStatus.PENDING));
        assertThat(store.audit().read().records().stream()
                        .skip(audited)
                        .map(rec -> rec.action())
                        .distinct())
                .as("only the refused decision is audited")
                .allMatch(a -> a.startsWith("gate."));
    }

    private static String promotionId(String out) {
        Matcher m = Pattern.compile("\\(promotion ([^)]+)\\)").matcher(out);
        assertThat(m.find()).as(out).isTrue();
        return m.group(1);
    }
}
