package io.releaseguard.engine.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseguard.engine.promotion.PromoteRequest;
import io.releaseguard.engine.promotion.Promoter;
import io.releaseguard.engine.promotion.PromotionResult;
import io.releaseguard.engine.promotion.PromotionResult.Outcome;
import io.releaseguard.engine.state.FileStateStore;
import io.releaseguard.engine.testing.ExternalTools;
import io.releaseguard.engine.testing.MutableClock;
import io.releaseguard.engine.testing.Scripts;
import io.releaseguard.engine.testing.SshHosts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code sshagent(['deploy-key']) { releaseGuardPromote(...) }} does, without Jenkins: a real {@code ssh-agent}
 * holds the deploy key, the step's environment carries its {@code SSH_AUTH_SOCK}, and a policy without {@code
 * identity} deploys over SSH through the bastion (two real sshd on loopback) with every task serialized to the node.
 * Without the socket in the step's environment the same promotion cannot log in, so it is the step's environment,
 * not this JVM's, that the {@code ssh} client used.
 */
class NodeSshAgentIT {
    @TempDir
    static Path tmp;

    private static SshHosts hosts;
    private static String agentPid;
    private static Path socket;

    @BeforeAll
    static void daemonsAndAnAgentHoldingTheKey() throws Exception {
        hosts = SshHosts.start(tmp);
        ExternalTools.require("ssh-agent", "openssh-client", "the sshagent test");
        socket = tmp.resolve("agent.sock");
        String out = run(List.of("ssh-agent", "-s", "-a", socket.toString()), Map.of());
        Matcher pid = Pattern.compile("SSH_AGENT_PID=(\\d+)").matcher(out);
        assertThat(pid.find()).as(out).isTrue();
        agentPid = pid.group(1);
        run(List.of("ssh-add", tmp.resolve("id_ed25519").toString()), Map.of("SSH_AUTH_SOCK", socket.toString()));
    }

    @AfterAll
    static void stop() throws Exception {
        if (agentPid != null) {
            run(List.of("kill", agentPid), Map.of());
        }
        if (hosts != null) {
            hosts.close();
        }
    }

    private static String run(List<String> argv, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(argv + ": " + out).isZero();
        return out;
    }

    private PromotionResult promote(String name, Map<String, String> stepEnvironment) throws Exception {
        Path target = Files.createDirectories(tmp.resolve(name));
        Scripts.executable(
                target.resolve("deploy.sh"), "#!/bin/sh\necho \"$1 $RELEASE_GUARD_ENVIRONMENT\" >> deployed.txt\n");
        String yaml = "version: 1\n"
                + "environments:\n  - name: testnet\n"
                + "services:\n  - name: api\n"
                + "    deploy: { command: \"./deploy.sh {release}\" }\n"
                + "    targets:\n"
                + "      testnet:\n"
                + hosts.targetYaml(target, "known_hosts", 8).replaceAll("(?m)^ *identity: .*\n", "");
        assertThat(yaml).doesNotContain("identity");
        SerializingNode node = new SerializingNode();
        NodeSite site = new NodeSite(
                NodePolicy.fromWorkspace(yaml, "release-guard.yaml", tmp.toString(), tmp.toString()), stepEnvironment);
        NodeWiring.checkOnNode(node, site.policy());
        MutableClock clock = MutableClock.at("2026-11-24T15:00:00Z");
        Path state = tmp.resolve(name + "-state");
        Promoter promoter = new Promoter(NodeWiring.context(
                site.policy().loadElsewhere(),
                node,
                site,
                new FileStateStore(state, clock),
                state,
                clock,
                clock::advance,
                line -> {}));
        PromotionResult r = promoter.promote(
                new PromoteRequest("sha-abc1234", "testnet", "zoe", "tag:sha-abc1234", Optional.empty(), false));
        assertThat(node.calls("NodeTargets.Call"))
                .as("the SSH pre-flight ran on the node")
                .isPositive();
        return r;
    }

    @Test
    void theStepsSshAuthSockLogsInWithoutAnIdentityInThePolicy() throws Exception {
        Map<String, String> env = new HashMap<>(Map.of("PATH", System.getenv("PATH")));
        env.put("SSH_AUTH_SOCK", socket.toString());

        PromotionResult r = promote("with-agent", env);

        assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(Files.readString(tmp.resolve("with-agent/deployed.txt"))).isEqualTo("sha-abc1234 testnet\n");
    }

    @Test
    void withoutTheSocketInTheStepsEnvironmentNothingLogsInAndNothingIsDeployed() throws Exception {
        PromotionResult r = promote("without-agent", Map.of("PATH", System.getenv("PATH")));

        assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.BLOCKED);
        assertThat(r.message()).contains("SSH_HOSTS").contains("Permission denied");
        assertThat(tmp.resolve("without-agent/deployed.txt")).doesNotExist();
    }
}
