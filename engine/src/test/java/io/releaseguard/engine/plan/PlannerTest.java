package io.releaseguard.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.config.ConfigLoader;
import io.releaseguard.engine.config.ReleaseGuardConfig;
import io.releaseguard.engine.plan.PlanStep.Kind;
import io.releaseguard.engine.plan.PlanStep.StepVerdict;
import io.releaseguard.engine.state.Deployment;
import io.releaseguard.engine.state.FileStateStore;
import io.releaseguard.engine.state.Outcome;
import io.releaseguard.engine.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlannerTest {
    private static final String POLICY =
            """
            version: 1
            environments:
              - name: local
              - name: testnet
                soak: 1h
              - name: staging
                optional: true
              - name: mainnet
                approvals: { required: 1, reviewers: [alice, bob] }
            services:
              - name: api
                endpoints: { testnet: "http://127.0.0.1:1", mainnet: "https://user:pw@api.example.org" }
                health: [{ name: ready, path: /health }]
              - name: worker
                deploy: { command: "deploy.sh {release}" }
            """;

    @TempDir
    Path tmp;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T12:00:00Z"));
    private ReleaseGuardConfig config;
    private FileStateStore state;

    @BeforeEach
    void setUp() throws Exception {
        config = ConfigLoader.parse(POLICY, "policy.yaml", tmp);
        state = new FileStateStore(tmp.resolve("state"), clock);
    }

    private void succeeded(String env, String release, Instant end) throws ReleaseGuardException {
        state.recordDeployment(new Deployment(
                env + "-" + release, env, release, List.of("api"), end.minusSeconds(60), end, Outcome.SUCCEEDED, "p1"));
    }

    private PlanStep step(PromotionPlan plan, Kind kind) {
        return plan.steps().stream().filter(s -> s.kind() == kind).findFirst().orElseThrow();
    }

    @Test
    void withARegistryTheRetagStepComesAfterTheRolloutAndBeforeTheManifest() throws Exception {
        assertThat(new Planner(clock).plan(config, "sha-1", "testnet", state).steps())
                .noneMatch(s -> s.kind() == Kind.RETAG);
        ReleaseGuardConfig withRegistry = ConfigLoader.parse(
                POLICY.replace("  - name: api\n", "  - name: api\n    image: team/api\n")
                        + "registry: { url: \"https://registry.example.org\" }\n",
                "policy.yaml",
                tmp);

        PromotionPlan plan = new Planner(clock).plan(withRegistry, "v1.2.0+7", "testnet", state);

        PlanStep retag = step(plan, Kind.RETAG);
        assertThat(retag.title()).isEqualTo("retag images in https://registry.example.org");
        assertThat(retag.verdict()).isEqualTo(StepVerdict.ACTION);
        assertThat(retag.details())
                .containsExactly(
                        "registry.example.org/team/api:v1.2.0_7 -> testnet, testnet-{timestamp}",
                        "{timestamp}: when every service is healthy, UTC, yyyyMMdd-HHmmss",
                        "same manifest bytes under each tag, verified by digest; a failure leaves the release live"
                                + " (exit 4; run the same promote again to retry)");
        assertThat(plan.steps().get(plan.steps().indexOf(retag) + 1).kind()).isEqualTo(Kind.MANIFEST);
        assertThat(plan.renderText()).contains("[ACTION ] retag images in https://registry.example.org");
    }

    @Test
    void planningNeverCreatesState() throws Exception {
        new Planner(clock).plan(config, "sha-1", "mainnet", state);
        assertThat(tmp.resolve("state")).doesNotExist();
    }

    @Test
    void skippingARequiredEnvironmentIsBlocked() throws Exception {
        PromotionPlan plan = new Planner(clock).plan(config, "sha-1", "mainnet", state);
        assertThat(plan.verdict()).isEqualTo(StepVerdict.BLOCKED);
        assertThat(plan.source()).contains("testnet");
        assertThat(step(plan, Kind.PATH).details())
                .contains("sha-1 has not succeeded in testnet; promotion is only from the previous environment"
                        + " (optional staging skipped)");
    }

    @Test
    void optionalEnvironmentIsSkippedAndSoakBlocksUntilEligible() throws Exception {
        succeeded("testnet", "sha-1", Instant.parse("2026-11-24T11:30:00Z"));
        PromotionPlan early = new Planner(clock).plan(config, "sha-1", "mainnet", state);
        assertThat(step(early, Kind.PATH).verdict()).isEqualTo(StepVerdict.OK);
        assertThat(step(early, Kind.PATH).details()).contains("skips optional environment staging");
        PlanStep soak = step(early, Kind.SOAK);
        assertThat(soak.verdict()).isEqualTo(StepVerdict.BLOCKED);
        assertThat(soak.details())
                .contains("SOAK: deployed 2026-11-24T11:30:00Z, 30m ago; eligible at 2026-11-24T12:30:00Z");

        clock.advance(Duration.ofMinutes(30));
        PromotionPlan later = new Planner(clock).plan(config, "sha-1", "mainnet", state);
        assertThat(step(later, Kind.SOAK).verdict()).isEqualTo(StepVerdict.OK);
        assertThat(later.verdict()).isEqualTo(StepVerdict.PENDING);
        assertThat(step(later, Kind.APPROVALS).details()).contains("1 of alice, bob");
    }

    @Test
    void aReleaseThatSucceededInStagingPromotesFromStaging() throws Exception {
        succeeded("testnet", "sha-2", Instant.parse("2026-11-20T10:00:00Z"));
        succeeded("staging", "sha-2", Instant.parse("2026-11-21T10:00:00Z"));
        PromotionPlan plan = new Planner(clock).plan(config, "sha-2", "mainnet", state);
        assertThat(plan.source()).contains("staging");
        assertThat(plan.steps().stream().map(PlanStep::kind)).doesNotContain(Kind.SOAK);
    }

    @Test
    void servicesRollOutOnlyWhereTheyAreMappedAndSecretsAreMasked() throws Exception {
        PromotionPlan local = new Planner(clock).plan(config, "sha-1", "local", state);
        assertThat(local.steps().stream().filter(s -> s.kind() == Kind.DEPLOY).map(PlanStep::title))
                .containsExactly("deploy worker");
        PromotionPlan mainnet = new Planner(clock).plan(config, "sha-1", "mainnet", state);
        assertThat(mainnet.steps().stream().filter(s -> s.kind() == Kind.DEPLOY).map(PlanStep::title))
                .containsExactly("deploy api", "deploy worker");
        assertThat(mainnet.renderText())
                .contains("https://user:****@api.example.org/health")
                .doesNotContain("pw@");
        assertThat(mainnet.toJson()).doesNotContain("pw@");
    }

    @Test
    void firstEnvironmentNeedsNoSource() throws Exception {
        PromotionPlan plan = new Planner(clock).plan(config, "sha-1", "local", state);
        assertThat(plan.source()).isEqualTo(Optional.empty());
        assertThat(step(plan, Kind.PATH).verdict()).isEqualTo(StepVerdict.OK);
    }

    @Test
    void unknownEnvironmentAndUnsafeReleaseAreInvalid() {
        Planner planner = new Planner(clock);
        assertThatThrownBy(() -> planner.plan(config, "sha-1", "prod", state))
                .isInstanceOf(ReleaseGuardException.class)
                .hasMessage("unknown environment 'prod' (defined: local, testnet, staging, mainnet)")
                .satisfies(
                        e -> assertThat(((ReleaseGuardException) e).exitCode()).isEqualTo(ExitCode.INVALID));
        assertThatThrownBy(() -> planner.plan(config, "$(reboot)", "local", state))
                .hasMessageContaining("is not a valid release name");
        assertThat(Files.exists(tmp.resolve("state"))).isFalse();
    }

    @Test
    void theCalendarIsDecidedNowAndAFreezeBlocksThePlan() throws Exception {
        ReleaseGuardConfig frozen = ConfigLoader.parse(
                POLICY
                        + """
                freezes:
                  - name: chain-upgrade
                    environments: [local]
                    from: "2026-11-24T00:00:00Z"
                    to: "2026-11-25T06:00:00Z"
                """,
                "policy.yaml",
                tmp);
        PromotionPlan plan = new Planner(clock).plan(frozen, "sha-1", "local", state);
        PlanStep calendar = step(plan, Kind.CALENDAR);
        assertThat(calendar.verdict()).isEqualTo(StepVerdict.BLOCKED);
        assertThat(plan.verdict()).isEqualTo(StepVerdict.BLOCKED);
        assertThat(calendar.details()).anyMatch(d -> d.startsWith("FREEZE: "));
        assertThat(calendar.details()).contains("next open: 2026-11-25T06:00:00Z (Wed 2026-11-25 06:00 UTC)");

        clock.set(Instant.parse("2026-11-25T06:00:00Z"));
        PlanStep later = step(new Planner(clock).plan(frozen, "sha-1", "local", state), Kind.CALENDAR);
        assertThat(later.verdict()).isEqualTo(StepVerdict.OK);
    }

    @Test
    void requiredStatusesAreReadAgainBeforeTheFirstDeployAndTheEmergencyRuleIsShown() throws Exception {
        String withStatuses =
                POLICY.replace("  - name: local\n", "  - name: local\n    requiredStatuses: [ci/build]\n");
        PlanStep strict = step(
                new Planner(clock).plan(ConfigLoader.parse(withStatuses, "policy.yaml", tmp), "sha-1", "local", state),
                Kind.COMMIT_STATUS);
        assertThat(strict.details())
                .containsExactly(
                        "statuses: ci/build",
                        "read again under the lock right before the first deploy",
                        "an emergency does not bypass them");

        PlanStep lenient = step(
                new Planner(clock)
                        .plan(
                                ConfigLoader.parse(
                                        withStatuses + "emergency: { bypass: [commitStatuses] }\n", "policy.yaml", tmp),
                                "sha-1",
                                "local",
                                state),
                Kind.COMMIT_STATUS);
        assertThat(lenient.details()).contains("an emergency may bypass them (emergency.bypass: commitStatuses)");
    }

    @Test
    void sshHostsAreReachedBeforeTheFirstDeployOnlyWhereTheServiceIsDeployedOverSsh() throws Exception {
        String overSsh = POLICY.replace(
                "    deploy: { command: \"deploy.sh {release}\" }\n",
                """
                    deploy: { command: "deploy.sh {release}" }
                    targets:
                      mainnet:
                        dir: /srv/worker
                        ssh: { host: worker-1.example.org, user: deploy, knownHosts: known_hosts }
                """);
        ReleaseGuardConfig withSsh = ConfigLoader.parse(overSsh, "policy.yaml", tmp);
        succeeded("testnet", "sha-1", clock.instant().minusSeconds(7200));

        assertThat(step(new Planner(clock).plan(withSsh, "sha-1", "mainnet", state), Kind.LOCK)
                        .details())
                .contains("then, before the first deploy, every SSH host is reached with its host key checked:"
                        + " worker on worker-1.example.org (unreachable or changed key: blocked, nothing deployed)");
        assertThat(step(new Planner(clock).plan(withSsh, "sha-1", "testnet", state), Kind.LOCK)
                        .details())
                .noneMatch(d -> d.contains("SSH host"));
    }

    @Test
    void aBlueGreenDeployIsPlannedAsStartPreviewCheckAndSwitch() throws Exception {
        String blueGreen = POLICY.replace(
                "    health: [{ name: ready, path: /health }]\n",
                """
                    health: [{ name: ready, path: /health }]
                    deploy:
                      blueGreen:
                        start: "bg.sh start {release}"
                        switch: "bg.sh switch {release}"
                        preview: { testnet: "http://127.0.0.1:2", mainnet: "https://green.example.org" }
                """);
        PromotionPlan plan =
                new Planner(clock).plan(ConfigLoader.parse(blueGreen, "policy.yaml", tmp), "sha-1", "testnet", state);
        assertThat(plan.steps().stream()
                        .filter(s -> s.title().equals("deploy api"))
                        .findFirst()
                        .orElseThrow()
                        .details())
                .containsExactly(
                        "blue/green: start bg.sh start {release}",
                        "health checks on the started version at its preview URL before any traffic moves",
                        "switch traffic: bg.sh switch {release} (kill switch re-read first)",
                        "the old version keeps running: a rollback switches back to it");
    }
}
