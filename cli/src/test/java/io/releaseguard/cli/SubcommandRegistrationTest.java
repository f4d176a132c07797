package io.releaseguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** Only the invoked subcommand is registered, and nothing a user sees changes because of it. */
class SubcommandRegistrationTest {
    /** The order {@code release-guard --help} listed the subcommands in when they were declared in the annotation. */
    private static final List<String> ALL = List.of(
            "validate",
            "plan",
            "promote",
            "resume",
            "history",
            "window",
            "calendar",
            "audit",
            "approve",
            "reject",
            "train",
            "rc",
            "snapshot",
            "rollback",
            "pir",
            "demo",
            "health",
            "regression",
            "followup",
            "help");

    @TempDir
    Path tmp;

    private static CommandLine model(String... args) {
        StringWriter sink = new StringWriter();
        return Cli.commandLine(
                new ReleaseGuardCommand(CliRunner.CLOCK, Map.of()),
                args,
                new PrintWriter(sink, true),
                new PrintWriter(sink, true));
    }

    private static String[] words(String line) {
        return line.isEmpty() ? new String[0] : line.split(" ");
    }

    private Path minimalPolicy() throws IOException {
        Path p = tmp.resolve("release-guard.yaml");
        Files.writeString(p, "version: 1\nenvironments:\n  - name: testnet\n  - name: mainnet\n");
        return p;
    }

    @Test
    void topLevelHelpIsUnchangedAndListsEverySubcommandInTheOriginalOrder() throws IOException {
        CliRunner.Result r = CliRunner.run("--help");
        assertThat(r.code()).isZero();
        List<String> lines = r.out().lines().toList();
        List<String> listed = lines.subList(lines.indexOf("Commands:") + 1, lines.size()).stream()
                .takeWhile(l -> !l.isEmpty())
                .filter(l -> l.matches("  \\S.*"))
                .map(l -> l.trim().split(" ")[0])
                .toList();
        assertThat(listed).containsExactlyElementsOf(ALL);
        try (InputStream in = getClass().getResourceAsStream("help.expected")) {
            assertThat(lines)
                    .containsExactlyElementsOf(new String(in.readAllBytes(), StandardCharsets.UTF_8)
                            .lines()
                            .toList());
        }
    }

    @Test
    void theOneSubcommandRegisteredKeepsItsOwnSubcommands() {
        CommandLine train =
                model("train", "cut", "--track", "dev").getSubcommands().get("train");
        assertThat(train.getSubcommands().keySet()).containsExactly("next-tag", "cut", "promote", "calendar", "report");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "health --env testnet",
                "--config x --state-dir y health --env testnet",
                "--config=x --json --debug health",
                "--json health --config x --help",
                "health help"
            })
    void onlyTheInvokedSubcommandIsRegistered(String line) {
        assertThat(model(words(line)).getSubcommands().keySet()).containsExactly("health");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "--help",
                "-h",
                "--version",
                "-hV",
                "help",
                "help health",
                "--json help health",
                "healt --env testnet",
                "HEALTH",
                "--json",
                "--nope health",
                "-- health",
                "@args health",
                "--config",
                "--config health validate",
                "--config=help validate",
                "--config -x health",
                "--json=true health"
            })
    void everySubcommandIsRegisteredInOrderWhenItIsNotCertainWhichRuns(String line) {
        assertThat(model(words(line)).getSubcommands().keySet()).containsExactlyElementsOf(ALL);
    }

    @Test
    void globalOptionsWorkBeforeAndAfterTheSubcommandItself() throws IOException {
        String config = minimalPolicy().toString();
        String state = tmp.resolve("state").toString();
        CliRunner.Result before = CliRunner.run("--config", config, "--state-dir", state, "health", "--env", "testnet");
        CliRunner.Result attached = CliRunner.run("--config=" + config, "--json", "health", "--env", "testnet");
        CliRunner.Result after = CliRunner.run("health", "--env", "testnet", "--state-dir", state, "--config", config);
        CliRunner.Result json = CliRunner.run("health", "--json", "--config", config, "--env", "testnet");
        assertThat(before.code()).as(before.err()).isZero();
        assertThat(before.out()).isEqualTo("testnet: PASS (0 checks)" + System.lineSeparator());
        assertThat(after).isEqualTo(before);
        assertThat(attached.code()).as(attached.err()).isZero();
        assertThat(attached).isEqualTo(json);
        assertThat(json.out()).contains("\"verdict\":\"PASS\"");
    }

    @Test
    void anUnknownSubcommandIsStillAnUnmatchedArgumentExit3() {
        CliRunner.Result r = CliRunner.run("healt", "--env", "testnet");
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines().toList())
                .containsExactly(
                        "error: Unmatched arguments from index 0: 'healt', '--env', 'testnet'",
                        "Try 'release-guard --help' for usage.");
    }

    @Test
    void helpForOneSubcommandAndForAnUnknownOneAreUnchanged() {
        CliRunner.Result health = CliRunner.run("--json", "help", "health");
        assertThat(health.code()).isZero();
        assertThat(health.out()).startsWith("Usage: release-guard health [-h] [--debug] [--fail-on-fatal] [--json]");
        CliRunner.Result unknown = CliRunner.run("help", "nope");
        assertThat(unknown.code()).isEqualTo(3);
        assertThat(unknown.err().lines().toList())
                .containsExactly("error: Unknown subcommand 'nope'.", "Try 'release-guard --help' for usage.");
    }

    @Test
    void anOptionValueThatNamesASubcommandIsStillRefused() {
        CliRunner.Result r = CliRunner.run("--config", "health", "validate");
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).startsWith("error: Expected parameter for option '--config' but found 'health'");
    }
}
