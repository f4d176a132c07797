package io.releaseguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseguard.engine.state.Deployment;
import io.releaseguard.engine.state.FileStateStore;
import io.releaseguard.engine.testing.Scripts;
import io.releaseguard.engine.testing.SshHosts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code release-guard promote} end to end through the CLI's entry point, deploying with a {@code command} on a host
 * reached over SSH through a bastion: two real OpenSSH daemons on loopback, host keys checked against the policy's
 * known_hosts. A changed host key stops the promotion before any deploy (exit 2) and says why; a tag with shell metacharacters is
 * refused (exit 3) before any command runs or anything is recorded.
 */
class PromoteSshIT {
    private static final String DEPLOY_SCRIPT =
            """
            #!/bin/sh
            echo "$RELEASE_GUARD_RELEASE $RELEASE_GUARD_IDEMPOTENCY_KEY $RELEASE_GUARD_ENVIRONMENT $*" >> deployed.txt
            """;

    @TempDir
    static Path tmp;

    private static SshHosts hosts;

    @BeforeAll
    static void startDaemons() throws Exception {
        hosts = SshHosts.start(tmp);
    }

    @AfterAll
    static void stopDaemons() {
        if (hosts != null) {
            hosts.close();
        }
    }

    @Test
    void promoteDeploysOnTheHostThroughTheBastionAndAChangedHostKeyStopsThePromotionBeforeAnyDeploy() throws Exception {
        Path dir = serviceDir("srv-promote");
        Path state = tmp.resolve("state-promote");

        CliRunner.Result live = promote(policy("promote.yaml", dir, "known_hosts"), state, "sha-1111111", 0);

        assertThat(live.code()).as(live.out() + live.err()).isZero();
        assertThat(live.out()).contains("SUCCEEDED: sha-1111111 is live in testnet");
        String id = new FileStateStore(state, CliRunner.CLOCK)
                .lastSuccessful("testnet")
                .map(Deployment::promotionId)
                .orElseThrow();
        assertThat(Files.readString(dir.resolve("deployed.txt")))
                .isEqualTo("sha-1111111 " + id + "/api//deploy testnet sha-1111111 api\n");
        hosts.bastion().await("direct-tcpip");

        hosts.writeChangedKnownHosts("known_hosts_changed");
        CliRunner.Result refused =
                promote(policy("promote-changed.yaml", dir, "known_hosts_changed"), state, "sha-2222222", 3600);

        assertThat(refused.code()).as(refused.out() + refused.err()).isEqualTo(2);
        assertThat(refused.out())
                .contains("SSH_HOSTS")
                .contains("REMOTE HOST IDENTIFICATION HAS CHANGED")
                .contains("(host key not in known_hosts_changed or changed: verify the new key out of band and update"
                        + " known_hosts; release-guard never accepts unknown keys)")
                .contains("nothing was deployed")
                .doesNotContain("ROLLBACK");
        assertThat(Files.readString(dir.resolve("deployed.txt")))
                .as("nothing ran on the host whose key changed")
                .doesNotContain("sha-2222222");
        assertThat(new FileStateStore(state, CliRunner.CLOCK).lastSuccessful("testnet"))
                .map(Deployment::release)
                .contains("sha-1111111");
    }

    @Test
    void aTagWithShellMetacharactersIsRefusedBeforeAnyCommandRuns() throws Exception {
        Path dir = serviceDir("srv-hostile");
        Path policy = policy("hostile.yaml", dir, "known_hosts");
        Path state = tmp.resolve("state-hostile");
        List<String> tags = List.of(
                "sha-1$(touch pwned-1)",
                "v1;touch pwned-2",
                "v1`touch pwned-3`",
                "v1 && touch pwned-4",
                "v1|touch pwned-5",
                "v1\ntouch pwned-6",
                "v1'; touch pwned-7; '");

        for (String tag : tags) {
            CliRunner.Result r = promote(policy, state, tag, 0);

            assertThat(r.code()).as(tag + ": " + r.out() + r.err()).isEqualTo(3);
            assertThat(r.err())
                    .startsWith("error: release \"" + tag.replace("\n", "\\u000a") + "\" is not a valid release"
                            + " name (letters, digits, '.', '_', '+', '-'");
            assertThat(r.out()).isEmpty();
        }
        assertThat(dir.resolve("deployed.txt")).as("no deploy command ran").doesNotExist();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.startsWith("pwned"));
        }
        assertThat(state).as("nothing recorded").doesNotExist();
    }

    private static CliRunner.Result promote(Path policy, Path state, String release, long atSecond) {
        return CliRunner.runWith(
                Clock.fixed(Instant.parse("2026-11-24T15:00:00Z").plusSeconds(atSecond), ZoneOffset.UTC),
                Map.of(),
                "--config",
                policy.toString(),
                "--state-dir",
                state.toString(),
                "promote",
                "--release=" + release,
                "--to",
                "testnet",
                "--as",
                "zoe");
    }

    /** A policy next to the client key and known_hosts files (relative paths resolve against its folder). */
    private static Path policy(String name, Path target, String knownHosts) throws Exception {
        return Files.writeString(
                tmp.resolve(name),
                "version: 1\n"
                        + "environments:\n  - name: testnet\n"
                        + "services:\n  - name: api\n"
                        + "    deploy: { command: \"./deploy.sh {release} {service}\" }\n"
                        + "    targets:\n"
                        + "      testnet:\n"
                        + hosts.targetYaml(target, knownHosts, 8));
    }

    private static Path serviceDir(String name) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(name));
        Scripts.executable(dir.resolve("deploy.sh"), DEPLOY_SCRIPT);
        return dir;
    }
}
