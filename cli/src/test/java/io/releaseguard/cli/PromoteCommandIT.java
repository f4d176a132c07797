package io.releaseguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseguard.cli.demo.DemoPolicy;
import io.releaseguard.cli.demo.DemoWorld;
import io.releaseguard.engine.testing.LoopbackForge;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The promote and resume commands end to end against the loopback demo world. */
class PromoteCommandIT {
    @TempDir
    Path tmp;

    @Test
    void promotesThroughTheFleetAndStopsAtMainnetApprovals() throws Exception {
        try (DemoWorld world = DemoWorld.start()) {
            Path policy = DemoPolicy.write(world, tmp);
            String[] base = {
                "--config",
                policy.toString(),
                "--state-dir",
                tmp.resolve("state").toString()
            };
            CliRunner.Result dry = CliRunner.run(
                    concat(base, "promote", "--release", "sha-1a2b3c4", "--to", "testnet", "--as", "zoe", "--dry-run"));
            assertThat(dry.code()).isEqualTo(2);
            assertThat(dry.out()).contains("sha-1a2b3c4 has not succeeded in local");

            assertThat(CliRunner.run(
                                    concat(base, "promote", "--release", "sha-1a2b3c4", "--to", "local", "--as", "zoe"))
                            .code())
                    .isZero();
            CliRunner.Result testnet = CliRunner.run(
                    concat(base, "promote", "--release", "sha-1a2b3c4", "--to", "testnet", "--as", "zoe"));
            assertThat(testnet.code()).as(testnet.out() + testnet.err()).isZero();
            assertThat(testnet.out())
                    .contains("ledger: canary (1 tenant(s)) healthy")
                    .contains("ledger: all 12 tenants healthy and on the same SHA")
                    .contains("SUCCEEDED: sha-1a2b3c4 is live in testnet");

            CliRunner.Result mainnet = CliRunner.run(
                    concat(base, "promote", "--release", "sha-1a2b3c4", "--to", "mainnet", "--as", "zoe"));
            assertThat(mainnet.code()).isEqualTo(2);
            assertThat(mainnet.out()).contains("APPROVALS: awaiting approvals (0/2)");

            CliRunner.Result resume = CliRunner.run(concat(base, "resume"));
            assertThat(resume.code()).isZero();
            assertThat(resume.out()).isEqualTo("nothing to resume\n");

            CliRunner.Result hostile =
                    CliRunner.run(concat(base, "promote", "--release", "x$(id)", "--to", "testnet", "--as", "zoe"));
            assertThat(hostile.code()).isEqualTo(3);
        }
    }

    @Test
    void waitsForTheRequiredCommitStatusesReadFromTheForge() throws Exception {
        try (DemoWorld world = DemoWorld.start();
                LoopbackForge forge = new LoopbackForge()) {
            Path policy = DemoPolicy.write(world, tmp);
            Files.writeString(
                    policy,
                    Files.readString(policy)
                                    .replace(
                                            "  - name: testnet\n",
                                            "  - name: testnet\n    requiredStatuses: [ci/build]\n")
                            + "\ngit:\n  pullRequests: { provider: github, apiUrl: \"" + forge.url()
                            + "\", repository: acme/ledger, tokenEnv: GH_TOKEN }\n");
            String[] base = {
                "--config",
                policy.toString(),
                "--state-dir",
                tmp.resolve("state").toString()
            };
            Map<String, String> env = Map.of("GH_TOKEN", "ghp_secret");
            String[] local = concat(base, "promote", "--release", "sha-1a2b3c4", "--to", "local", "--as", "zoe");
            String[] testnet = concat(base, "promote", "--release", "sha-1a2b3c4", "--to", "testnet", "--as", "zoe");
            assertThat(CliRunner.runWith(CliRunner.CLOCK, env, local).code()).isZero();

            forge.answerGets(200, "{\"statuses\": [{\"context\": \"ci/build\", \"state\": \"pending\"}]}");
            CliRunner.Result waiting = CliRunner.runWith(CliRunner.CLOCK, env, testnet);
            assertThat(waiting.code()).as(waiting.out() + waiting.err()).isEqualTo(2);
            assertThat(waiting.out())
                    .contains("COMMIT_STATUS: 1a2b3c4: ci/build pending")
                    .doesNotContain("ghp_secret");
            LoopbackForge.Seen seen = forge.seen().get(0);
            assertThat(seen.path()).isEqualTo("/repos/acme/ledger/commits/1a2b3c4/status");
            assertThat(seen.headers()).containsEntry("Authorization", "Bearer ghp_secret");

            forge.answerGets(200, "{\"statuses\": [{\"context\": \"ci/build\", \"state\": \"success\"}]}");
            CliRunner.Result live = CliRunner.runWith(CliRunner.CLOCK, env, testnet);
            assertThat(live.code()).as(live.out() + live.err()).isZero();
            assertThat(live.out()).contains("SUCCEEDED: sha-1a2b3c4 is live in testnet");
        }
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
