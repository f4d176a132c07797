package io.releaseguard.engine.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseguard.engine.config.ConfigLoader;
import io.releaseguard.engine.config.DeploySpec;
import io.releaseguard.engine.config.ServiceSpec;
import io.releaseguard.engine.promotion.StepKey;
import io.releaseguard.engine.testing.Scripts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlueGreenDeployerTest {
    private static final DeployRequest REQUEST = new DeployRequest(
            "mainnet", "api", "sha-abc1234", Optional.empty(), new StepKey("promo-1", "api", "", "deploy"));

    @TempDir
    Path tmp;

    @Test
    void startRunsTheStartCommandAndDeploySwitchesEachUnderItsRequestsKeyAndRetireIsNeverRun() throws Exception {
        BlueGreenDeployer d = deployer("./phase.sh start {release}", "./phase.sh switch {release}");

        DeployOutcome started = d.start(REQUEST.withStep("deploy-start"));
        DeployOutcome switched = d.deploy(REQUEST);

        assertThat(started.succeeded()).as(started.detail()).isTrue();
        assertThat(switched.succeeded()).as(switched.detail()).isTrue();
        assertThat(Files.readAllLines(tmp.resolve("phases.log")))
                .containsExactly(
                        "start sha-abc1234 promo-1/api//deploy-start", "switch sha-abc1234 promo-1/api//deploy");
    }

    @Test
    void aFailingPhaseReportsItsExitCode() throws Exception {
        BlueGreenDeployer d = deployer("./phase.sh start {release} fail", "./phase.sh switch {release} fail");

        assertThat(d.start(REQUEST.withStep("deploy-start")).detail()).startsWith("exit 3");
        assertThat(d.deploy(REQUEST).succeeded()).isFalse();
    }

    /** The deployers the CLI wires for a blueGreen service with a local target, over a recording script. */
    private BlueGreenDeployer deployer(String start, String switchTraffic) throws Exception {
        Scripts.executable(
                tmp.resolve("phase.sh"),
                """
                #!/bin/sh
                echo "$1 $2 $RELEASE_GUARD_IDEMPOTENCY_KEY" >> phases.log
                [ "$3" != fail ] || exit 3
                """);
        String yaml = "version: 1\n"
                + "environments:\n  - name: mainnet\n"
                + "services:\n  - name: api\n"
                + "    deploy:\n      blueGreen:\n"
                + "        start: \"" + start + "\"\n"
                + "        switch: \"" + switchTraffic + "\"\n"
                + "        retire: \"./phase.sh retire {release}\"\n"
                + "    targets: { mainnet: { dir: " + tmp + " } }\n";
        ServiceSpec s =
                ConfigLoader.parse(yaml, "release-guard.yaml", tmp).services().get(0);
        DeploySpec.BlueGreen bg = (DeploySpec.BlueGreen) s.deploy().orElseThrow();
        Map<String, String> env = Map.of("PATH", System.getenv("PATH"));
        return new BlueGreenDeployer(
                new TargetCommandDeployer(s, bg.start(), tmp, env, Duration.ofSeconds(30)),
                new TargetCommandDeployer(s, bg.switchTraffic(), tmp, env, Duration.ofSeconds(30)));
    }
}
