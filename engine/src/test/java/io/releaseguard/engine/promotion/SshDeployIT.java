package io.releaseguard.engine.promotion;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseguard.engine.config.ConfigLoader;
import io.releaseguard.engine.config.DeploySpec;
import io.releaseguard.engine.config.ReleaseGuardConfig;
import io.releaseguard.engine.config.TargetSpec;
import io.releaseguard.engine.deploy.CommandTemplate;
import io.releaseguard.engine.deploy.DeployOutcome;
import io.releaseguard.engine.deploy.DeployRequest;
import io.releaseguard.engine.deploy.SshCommandDeployer;
import io.releaseguard.engine.deploy.TargetCommandDeployer;
import io.releaseguard.engine.health.HttpHealthProbe;
import io.releaseguard.engine.promotion.PromotionResult.Outcome;
import io.releaseguard.engine.state.FileStateStore;
import io.releaseguard.engine.testing.MutableClock;
import io.releaseguard.engine.testing.Scripts;
import io.releaseguard.engine.testing.SshHosts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A promotion whose deploy action is a command run on the service's host over SSH through a bastion: two real OpenSSH
 * daemons on loopback, host keys checked against a generated known_hosts. Shows the release and idempotency key
 * arriving remotely (the lock's fencing token too), hostile values staying single arguments, and a changed host key stopping the promotion before anything is deployed.
 */
class SshDeployIT {
    private static final String DEPLOY_SCRIPT =
            """
            #!/bin/sh
            echo "$RELEASE_GUARD_RELEASE $RELEASE_GUARD_IDEMPOTENCY_KEY $RELEASE_GUARD_ENVIRONMENT fence=$RELEASE_GUARD_FENCE $*" >> deployed.txt
            { echo "$#"; printf '[%s]\\n' "$@"; echo "tenant=[$RELEASE_GUARD_TENANT]"; } > args.txt
            echo "deployed $1 with https://deploy:hunter2@registry.example.org"
            """;

    @TempDir
    static Path tmp;

    private static SshHosts hosts;
    private static HttpHealthProbe probe;

    private final MutableClock clock = MutableClock.at("2026-11-24T15:00:00Z");
    private final List<String> progress = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startDaemons() throws Exception {
        hosts = SshHosts.start(tmp);
        probe = new HttpHealthProbe();
    }

    @AfterAll
    static void stopDaemons() {
        if (probe != null) {
            probe.close();
        }
        if (hosts != null) {
            hosts.close();
        }
    }

    @Test
    void aCommandDeployRunsOnTheTargetThroughTheBastionWithTheReleaseAndTheIdempotencyKey() throws Exception {
        Path dir = serviceDir("srv-ok");
        Promoter promoter = promoter(config(dir, "known_hosts"), "state-ok");

        PromotionResult r = promote(promoter, "sha-abc1234");

        assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(Files.readString(dir.resolve("deployed.txt")))
                .isEqualTo("sha-abc1234 " + r.promotionId() + "/api//deploy testnet fence=1 sha-abc1234 api\n");
        hosts.bastion().await("direct-tcpip");
    }

    @Test
    void hostileTenantAndServiceValuesStayOneArgumentEach() throws Exception {
        Path dir = serviceDir("srv-hostile");
        String tenant = "t1'; touch pwned-1; echo '$(touch pwned-2)`touch pwned-3`\n touch pwned-4 \"";
        String service = "api\"; touch pwned-5 #";
        SshCommandDeployer deployer = new SshCommandDeployer(
                CommandTemplate.parse("./deploy.sh {release} {service} \"tenant {tenant}\""),
                ssh(config(dir, "known_hosts")),
                tmp,
                Duration.ofSeconds(60));

        DeployOutcome out = deployer.deploy(new DeployRequest(
                "testnet", service, "sha-abc1234", Optional.of(tenant), new StepKey("p1", "api", "t1", "deploy")));

        assertThat(out.succeeded()).as(out.detail()).isTrue();
        assertThat(out.detail()).contains("deploy:****@").doesNotContain("hunter2");
        assertThat(Files.readString(dir.resolve("args.txt")))
                .isEqualTo("3\n[sha-abc1234]\n[" + service + "]\n[tenant " + tenant + "]\ntenant=[" + tenant + "]\n");
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.startsWith("pwned"));
        }
    }

    @Test
    void aChangedTargetHostKeyStopsThePromotionBeforeAnythingIsDeployedAndTheFixedHostLetsItFinish() throws Exception {
        Path dir = serviceDir("srv-changed");
        Promoter good = promoter(config(dir, "known_hosts"), "state-changed");
        assertThat(promote(good, "sha-1111111").outcome()).isEqualTo(Outcome.SUCCEEDED);
        String impostor = hosts.writeChangedKnownHosts("known_hosts_changed");

        PromotionResult r = promote(promoter(config(dir, "known_hosts_changed"), "state-changed"), "sha-2222222");

        // The pre-flight reaches the host under the lock before the first deploy: no deploy, so no rollback either.
        assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.BLOCKED);
        assertThat(r.gates())
                .filteredOn(g -> g.gate().equals("SSH_HOSTS"))
                .singleElement()
                .satisfies(g -> assertThat(g.verdict()).isEqualTo(GateResult.Verdict.BLOCKED));
        assertThat(r.message())
                .contains("SSH_HOSTS")
                .contains("REMOTE HOST IDENTIFICATION HAS CHANGED")
                .contains("never accepts unknown keys")
                .contains("nothing was deployed");
        assertThat(Files.readString(dir.resolve("deployed.txt")))
                .as("the deploy never reached the impostor-keyed host")
                .doesNotContain("sha-2222222");
        assertThat(Files.readString(tmp.resolve("known_hosts_changed"))).contains(impostor);

        // With the right key again, running the same promotion finishes it.
        PromotionResult fixed = promote(promoter(config(dir, "known_hosts"), "state-changed"), "sha-2222222");
        assertThat(fixed.outcome()).as(fixed.message()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(fixed.promotionId()).isEqualTo(r.promotionId());
        assertThat(Files.readString(dir.resolve("deployed.txt"))).contains("sha-2222222");
    }

    private static Path serviceDir(String name) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(name));
        Scripts.executable(dir.resolve("deploy.sh"), DEPLOY_SCRIPT);
        return dir;
    }

    private static ReleaseGuardConfig config(Path dir, String knownHosts) throws Exception {
        String yaml = "version: 1\n"
                + "environments:\n  - name: testnet\n"
                + "services:\n  - name: api\n"
                + "    deploy: { command: \"./deploy.sh {release} {service}\" }\n"
                + "    targets:\n"
                + "      testnet:\n"
                + hosts.targetYaml(dir, knownHosts, 8);
        return ConfigLoader.parse(yaml, "release-guard.yaml", tmp);
    }

    private static TargetSpec.Ssh ssh(ReleaseGuardConfig config) {
        return (TargetSpec.Ssh) config.services().get(0).targets().get("testnet");
    }

    private Promoter promoter(ReleaseGuardConfig config, String stateDir) throws Exception {
        return new Promoter(TestPromotions.context(
                config,
                new FileStateStore(tmp.resolve(stateDir), clock),
                tmp.resolve(stateDir),
                clock,
                probe,
                Map::of,
                d -> clock.advance(d),
                Optional.empty(),
                progress::add,
                s -> new TargetCommandDeployer(
                        s,
                        ((DeploySpec.Command) s.deploy().orElseThrow()).command(),
                        config.baseDir(),
                        Map.of("PATH", System.getenv("PATH")),
                        Duration.ofSeconds(60)),
                Optional.empty()));
    }

    private static PromotionResult promote(Promoter promoter, String release) throws Exception {
        return promoter.promote(
                new PromoteRequest(release, "testnet", "zoe", "tag:" + release, Optional.empty(), false));
    }
}
