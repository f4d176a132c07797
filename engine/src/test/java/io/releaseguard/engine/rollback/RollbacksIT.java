package io.releaseguard.engine.rollback;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.audit.AuditRecord;
import io.releaseguard.engine.config.ConfigLoader;
import io.releaseguard.engine.config.ReleaseGuardConfig;
import io.releaseguard.engine.manifest.ReleaseManifest;
import io.releaseguard.engine.manifest.ReleaseManifestSchemaTest;
import io.releaseguard.engine.manifest.ReleaseManifests;
import io.releaseguard.engine.pir.PostIncidentReviews;
import io.releaseguard.engine.release.ReleaseName;
import io.releaseguard.engine.snapshot.FileSnapshotStore;
import io.releaseguard.engine.snapshot.SnapshotService;
import io.releaseguard.engine.state.Deployment;
import io.releaseguard.engine.state.FileStateStore;
import io.releaseguard.engine.state.Outcome;
import io.releaseguard.engine.target.Targets;
import io.releaseguard.engine.testing.LoopbackForge;
import io.releaseguard.engine.testing.MutableClock;
import io.releaseguard.engine.testing.PromotionRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A git rollback end to end: revert, push, Gitea pull request, audit, release manifest, review draft. */
class RollbacksIT {
    private static final Instant DEPLOYED = Instant.parse("2026-11-22T09:00:00Z");

    @TempDir
    Path tmp;

    private final MutableClock clock = MutableClock.at("2026-11-22T10:00:00Z");
    private LoopbackForge forge;
    private PromotionRepo promotion;
    private FileStateStore state;
    private Rollbacks rollbacks;
    private ReleaseGuardConfig config;

    @BeforeEach
    void setUp() throws Exception {
        forge = new LoopbackForge();
        promotion = PromotionRepo.create(tmp);
        Path stateDir = tmp.resolve("state");
        state = new FileStateStore(stateDir, clock);
        state.recordDeployment(new Deployment(
                "d1", "mainnet", "v0.5.0-dev.3", List.of("api", "web"), DEPLOYED, null, Outcome.RUNNING, "p1"));
        ReleaseManifest sample = ReleaseManifestSchemaTest.sample();
        new ReleaseManifests(stateDir).write(sample);
        rollbacks = new Rollbacks(
                new SnapshotService(new FileSnapshotStore(stateDir), Targets.fromConfig(), state, clock),
                new GitRevertRollback(clock),
                new PullRequestClient(),
                state,
                new ReleaseManifests(stateDir),
                new PostIncidentReviews(stateDir, clock),
                Map.of("RG_GITEA_TOKEN", "gitea-secret-token")::get,
                clock);
        config = ConfigLoader.parse(
                "version: 1\n"
                        + "environments:\n  - name: mainnet\n"
                        + "services:\n"
                        + "  - { name: api, paths: [services/api/**, db/api/**] }\n"
                        + "  - { name: web, paths: [services/web/**] }\n"
                        + "git:\n"
                        + "  repository: repo\n"
                        + "  irreversible: [db/**]\n"
                        + "  pullRequests: { provider: gitea, apiUrl: \"" + forge.url()
                        + "/api/v1\", repository: acme/ledger, tokenEnv: RG_GITEA_TOKEN }\n",
                "release-guard.yaml",
                tmp);
    }

    @AfterEach
    void tearDown() {
        forge.close();
    }

    @Test
    void aGitRollbackOpensAPullRequestAndIsRecordedEverywhere() throws Exception {
        Rollbacks.Report report =
                rollbacks.rollback(config, "mainnet", Optional.of("api"), Optional.empty(), false, "oncall");

        assertThat(report.mode()).isEqualTo(Rollbacks.Mode.GIT);
        assertThat(report.verdict()).isEqualTo(Rollbacks.Verdict.ROLLED_BACK);
        assertThat(report.verdict().exitCode()).isEqualTo(ExitCode.OK);
        RevertDecision d = report.git().orElseThrow();
        assertThat(d.created())
                .contains(new PullRequestClient.Created(42, "https://forge.example.org/acme/ledger/pull/42"));

        LoopbackForge.Seen pr = forge.seen().get(0);
        assertThat(pr.path()).isEqualTo("/api/v1/repos/acme/ledger/pulls");
        assertThat(pr.headers()).containsEntry("Authorization", "token gitea-secret-token");
        assertThat(pr.body().path("head").asText()).isEqualTo(d.branch().orElseThrow());
        assertThat(pr.body().path("base").asText()).isEqualTo("production");
        assertThat(pr.body().path("body").asText())
                .contains("- `services/api/app.txt`", "### :warning: Irreversible changes", "- `db/api/002.sql`")
                .doesNotContain("- `services/web");
        assertThat(promotion
                        .remote()
                        .run("rev-parse", "refs/heads/" + d.branch().orElseThrow()))
                .isEqualTo(d.revertCommit().orElseThrow());

        List<AuditRecord> audit = state.audit().read().records();
        assertThat(audit)
                .extracting(AuditRecord::action, AuditRecord::verdict)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("rollback.git", "REVERTED"));
        assertThat(audit.toString()).doesNotContain("gitea-secret-token");

        ReleaseManifest manifest = new ReleaseManifests(tmp.resolve("state"))
                .read("mainnet", "v0.5.0-dev.3")
                .orElseThrow();
        assertThat(manifest.rollbacks()).singleElement().satisfies(r -> {
            assertThat(r.kind()).isEqualTo("GIT");
            assertThat(r.outcome()).isEqualTo("ROLLED_BACK");
            assertThat(r.detail()).contains("pull request https://forge.example.org/acme/ledger/pull/42");
        });

        PostIncidentReviews reviews = new PostIncidentReviews(tmp.resolve("state"), clock);
        assertThat(report.review()).contains("pir-20261122T100000Z-mainnet-api");
        String md = reviews.markdown(reviews.open().get(0));
        assertThat(md)
                .contains("| Review due | **2026-11-23T10:00:00Z** |")
                .contains("promotion " + promotion.merge())
                .contains("- 2026-11-22T09:00:00Z deployment d1 of v0.5.0-dev.3 started (RUNNING)")
                .contains("git revert: REVERTED");
    }

    @Test
    void anAmbiguousGitRollbackNeedsTriageAndStillDraftsAReview() throws Exception {
        Rollbacks.Report report = rollbacks.rollback(
                config, "mainnet", Optional.empty(), Optional.of(Rollbacks.Mode.GIT), false, "oncall");
        assertThat(report.verdict()).isEqualTo(Rollbacks.Verdict.MANUAL_TRIAGE);
        assertThat(report.verdict().exitCode()).isEqualTo(ExitCode.ROLLBACK_FAILED);
        assertThat(forge.seen()).isEmpty();
        assertThat(promotion.repo().run("branch", "--list", "rollback/*")).isEmpty();
        assertThat(report.review()).isPresent();
        assertThat(state.audit().read().records().get(0).reason()).startsWith("AMBIGUOUS: 2 services");
        assertThat(state.deployments("mainnet"))
                .extracting(Deployment::outcome)
                .containsExactly(Outcome.ROLLBACK_FAILED);
    }

    @Test
    void aSnapshotRollbackRestoresTheServiceAndMarksTheDeploymentRolledBack() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("srv/deploy")).getParent();
        Files.writeString(dir.resolve("deploy/.env"), "TOKEN=before\n");
        ReleaseGuardConfig snapshotConfig = ConfigLoader.parse(
                "version: 1\nenvironments:\n  - name: mainnet\nservices:\n  - name: api\n"
                        + "    snapshot: { files: [deploy/.env], restore: \"echo up > up.log\" }\n"
                        + "    targets: { mainnet: { dir: srv } }\n",
                "release-guard.yaml",
                tmp);
        clock.advance(Duration.ofHours(-2)); // the snapshot is taken before the 09:00 deployment
        SnapshotService snapshots =
                new SnapshotService(new FileSnapshotStore(tmp.resolve("state")), Targets.fromConfig(), state, clock);
        snapshots.save(snapshotConfig, "mainnet", "api", ReleaseName.parse("v0.5.0-dev.3"), "ci");
        clock.advance(Duration.ofHours(2));
        Files.writeString(dir.resolve("deploy/.env"), "TOKEN=after\n");

        Rollbacks.Report report =
                rollbacks.rollback(snapshotConfig, "mainnet", Optional.of("api"), Optional.empty(), false, "oncall");

        assertThat(report.mode()).isEqualTo(Rollbacks.Mode.SNAPSHOT);
        assertThat(report.verdict()).isEqualTo(Rollbacks.Verdict.ROLLED_BACK);
        assertThat(Files.readString(dir.resolve("deploy/.env"))).isEqualTo("TOKEN=before\n");
        assertThat(Files.readString(dir.resolve("up.log"))).isEqualTo("up\n");
        assertThat(state.deployments("mainnet")).singleElement().satisfies(d -> {
            assertThat(d.outcome()).isEqualTo(Outcome.ROLLED_BACK);
            assertThat(d.end()).isEqualTo(clock.instant());
        });
        assertThat(new ReleaseManifests(tmp.resolve("state"))
                        .read("mainnet", "v0.5.0-dev.3")
                        .orElseThrow()
                        .rollbacks())
                .singleElement()
                .satisfies(r -> assertThat(r.detail()).contains("RESTORED (1 file(s) changed, verified by hash)"));
        assertThat(report.review()).isPresent();
        assertThat(state.audit().read().toString()).doesNotContain("TOKEN=before", "TOKEN=after");
    }

    @Test
    void aDryRunBuildsTheRequestButSendsAndRecordsNothing() throws Exception {
        Rollbacks.Report report =
                rollbacks.rollback(config, "mainnet", Optional.of("api"), Optional.empty(), true, "oncall");
        assertThat(report.verdict()).isEqualTo(Rollbacks.Verdict.DRY_RUN);
        PullRequestClient.Request request =
                report.git().orElseThrow().pullRequest().orElseThrow();
        assertThat(request.headers()).containsEntry("Authorization", "token ****");
        assertThat(forge.seen()).isEmpty();
        assertThat(report.review()).isEmpty();
        assertThat(promotion.repo().run("branch", "--list", "rollback/*")).isEmpty();
    }
}
