package io.releaseguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.releaseguard.engine.JsonReports;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
    @TempDir
    Path tmp;

    private Path write(String name, String text) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private Path example() throws IOException {
        try (var in = CliTest.class.getResourceAsStream(DemoCommand.EXAMPLE)) {
            Path p = tmp.resolve("release-guard.yaml");
            Files.copy(in, p);
            return p;
        }
    }

    @Test
    void validateReportsEveryMistakeWithLocationAndExits3() throws IOException {
        Path bad = write(
                "bad.yaml",
                """
                version: 1
                timezone: Europe/Berlinn
                environments:
                  - name: mainnet
                    windows:
                      - { days: [TUE], from: "14:00", to: "25:00" }
                    minIntervall: 48h
                """);
        CliRunner.Result r = CliRunner.run("validate", "--config", bad.toString());
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err().lines().toList())
                .containsExactly(
                        bad
                                + ":2:11 timezone: \"Europe/Berlinn\" is not a time zone (IANA name such as Europe/Berlin, or UTC)",
                        bad + ":6:43 environments[0].windows[0].to: \"25:00\" is not a time of day (HH:MM)",
                        bad + ":7:5 environments[0].minIntervall: unknown key; did you mean 'minInterval'?",
                        "error: invalid configuration: 3 problems");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void globalOptionsWorkBeforeAndAfterTheSubcommand() throws IOException {
        Path cfg = example();
        CliRunner.Result before = CliRunner.run("--config", cfg.toString(), "--json", "validate");
        CliRunner.Result after = CliRunner.run("validate", "--json", "--config", cfg.toString());
        assertThat(before.code()).isZero();
        assertThat(after.out()).isEqualTo(before.out());
        assertThat(before.out()).as("keys in a fixed order").startsWith("{\"valid\":true,\"file\":");
        JsonNode json = JsonReports.MAPPER.readTree(before.out());
        assertThat(json.get("valid").asBoolean()).isTrue();
        assertThat(json.get("environments").toString()).isEqualTo("[\"local\",\"testnet\",\"staging\",\"mainnet\"]");
    }

    @Test
    void missingConfigFileIsInvalidWithTheFileNamed() {
        CliRunner.Result r =
                CliRunner.run("validate", "--config", tmp.resolve("nope.yaml").toString());
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains(tmp.resolve("nope.yaml") + ":1:1 cannot be read: no such file");
    }

    @Test
    void unknownOptionIsAnArgumentErrorExit3() {
        CliRunner.Result r = CliRunner.run("validate", "--nope");
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).startsWith("error: Unknown option: '--nope'");
    }

    @Test
    void helpListsExitCodesAndVersionPrintsTheBuildVersion() {
        CliRunner.Result help = CliRunner.run("--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("Exit codes:", "2   blocked by a policy gate", "5   rollback failed");
        CliRunner.Result version = CliRunner.run("--version");
        assertThat(version.out()).matches("release-guard \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\R");
    }

    @Test
    void everySubcommandHasTheHelpOptionTheErrorHintPromises() {
        CliRunner.Result wrong = CliRunner.run("health");
        assertThat(wrong.code()).isEqualTo(3);
        assertThat(wrong.err()).contains("Try 'release-guard health --help' for usage.");

        CliRunner.Result health = CliRunner.run("health", "--help");
        assertThat(health.code()).isZero();
        assertThat(health.err()).isEmpty();
        assertThat(health.out())
                .startsWith("Usage: release-guard health [-h]")
                .contains("-h, --help", "--env=ENV", "replaces ${release} and is");
        CliRunner.Result nested = CliRunner.run("train", "cut", "-h");
        assertThat(nested.code()).isZero();
        assertThat(nested.out()).startsWith("Usage: release-guard train cut [-h]");
        CliRunner.Result viaHelp = CliRunner.run("help", "health");
        assertThat(viaHelp.code()).isZero();
        assertThat(viaHelp.out()).isEqualTo(health.out());
    }

    private CliRunner.Result plan(String release, String to, String... extra) throws IOException {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(
                "plan",
                "--config",
                example().toString(),
                "--state-dir",
                tmp.resolve("state").toString()));
        args.addAll(java.util.List.of(extra));
        args.addAll(java.util.List.of("--release", release, "--to", to));
        return CliRunner.run(args.toArray(String[]::new));
    }

    @Test
    void planIntoTheFirstEnvironmentIsNotBlockedAndChangesNothing() throws IOException {
        CliRunner.Result r = plan("sha-abc1234", "local");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Plan: promote sha-abc1234 to local", "enter the path at local");
        assertThat(tmp.resolve("state")).doesNotExist();
    }

    @Test
    void planSkippingARequiredEnvironmentIsBlockedWithExit2() throws IOException {
        CliRunner.Result r = plan("sha-abc1234", "mainnet", "--json");
        assertThat(r.code()).isEqualTo(2);
        JsonNode plan = JsonReports.MAPPER.readTree(r.out());
        assertThat(plan.get("verdict").asText()).isEqualTo("BLOCKED");
        assertThat(plan.get("source").asText()).isEqualTo("testnet");
        JsonNode path = plan.get("steps").get(0);
        assertThat(path.get("kind").asText()).isEqualTo("PATH");
        assertThat(path.get("details").toString())
                .contains("sha-abc1234 has not succeeded in testnet; promotion is only from the previous environment"
                        + " (optional staging skipped)");
    }

    @Test
    void releaseNamesWithShellMetacharactersAreRefused() throws IOException {
        CliRunner.Result r = plan("v1;rm -rf /", "local");
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).startsWith("error: release \"v1;rm -rf /\" is not a valid release name");
    }

    @Test
    void unknownEnvironmentIsInvalid() throws IOException {
        CliRunner.Result r = plan("r1", "prod");
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains("unknown environment 'prod' (defined: local, testnet, staging, mainnet)");
    }

    @Test
    void demoGoesAsDesigned() {
        CliRunner.Result r = CliRunner.run("demo", "--dir", tmp.resolve("demo").toString());
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("demo: went as designed");
    }
}
