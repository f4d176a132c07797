package io.releaseguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseguard.engine.state.Deployment;
import io.releaseguard.engine.state.FileStateStore;
import io.releaseguard.engine.state.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CalendarCommandsTest {
    private static final String POLICY =
            """
            version: 1
            timezone: UTC
            environments:
              - name: testnet
              - name: mainnet
                windows:
                  - days: [TUE, WED]
                    from: "14:00"
                    to: "18:00"
                    timezone: Europe/Berlin
                minInterval: 48h
            freezes:
              - name: year-end
                environments: [mainnet]
                yearly: { from: "12-20", to: "01-05" }
            emergency:
              bypass: [windows, freezes]
              requireReason: true
            """;

    @TempDir
    Path tmp;

    private Path config;
    private Path state;

    @BeforeEach
    void policy() throws Exception {
        config = tmp.resolve("release-guard.yaml");
        Files.writeString(config, POLICY);
        state = tmp.resolve("state");
    }

    private CliRunner.Result run(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of("--config", config.toString(), "--state-dir", state.toString()));
        return CliRunner.run(all.toArray(String[]::new));
    }

    @Test
    void blockedPrintsEveryReasonAndNextOpenWithExit2() {
        CliRunner.Result r = run("window", "--env", "mainnet", "--at", "2026-12-24T10:00:00Z");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out().lines().toList())
                .hasSize(4)
                .startsWith("mainnet at 2026-12-24T10:00:00Z: BLOCKED")
                .endsWith("next open: 2027-01-06T13:00:00Z (Wed 2027-01-06 14:00 Europe/Berlin)");
        assertThat(r.out()).contains("  FREEZE: ", "  OUTSIDE_WINDOW: ");
    }

    @Test
    void jsonIsOneObjectInTheDocumentedShape() {
        CliRunner.Result r = run("window", "--env", "mainnet", "--at", "2026-12-29T13:30:00+00:00", "--json");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out())
                .startsWith("{\"environment\":\"mainnet\",\"at\":\"2026-12-29T13:30:00Z\",\"verdict\":\"BLOCKED\","
                        + "\"reasons\":[{\"code\":\"FREEZE\",\"name\":\"year-end\",\"message\":")
                .endsWith(",\"until\":\"2027-01-06T00:00:00Z\"}],\"overridden\":[],"
                        + "\"nextOpen\":\"2027-01-06T13:00:00Z\"}\n");
    }

    @Test
    void openWithExit0AndAtDefaultsToTheClock() {
        // The runner's clock is Tuesday 2026-11-24 15:00Z, 16:00 in Berlin: inside the window.
        CliRunner.Result r = run("window", "--env", "mainnet", "--json");
        assertThat(r.code()).isZero();
        assertThat(r.out())
                .isEqualTo("{\"environment\":\"mainnet\",\"at\":\"2026-11-24T15:00:00Z\",\"verdict\":\"OPEN\","
                        + "\"reasons\":[],\"overridden\":[],\"nextOpen\":\"2026-11-24T15:00:00Z\"}\n");
    }

    @Test
    void lastDeployComesFromTheStateStoreUnlessGiven() throws Exception {
        FileStateStore store = new FileStateStore(state, CliRunner.CLOCK);
        Instant start = Instant.parse("2026-11-24T09:00:00Z");
        store.recordDeployment(new Deployment(
                "d1", "mainnet", "v1", List.of("api"), start, start.plusSeconds(3600), Outcome.SUCCEEDED, "p1"));
        CliRunner.Result fromStore = run("window", "--env", "mainnet");
        assertThat(fromStore.code()).isEqualTo(2);
        assertThat(fromStore.out())
                .contains("MIN_INTERVAL: last mainnet deploy 2026-11-24T10:00:00Z is 5h ago; policy requires 48h"
                        + " (open at 2026-11-26T10:00:00Z)");
        CliRunner.Result overridden = run("window", "--env", "mainnet", "--last-deploy", "2026-11-01T00:00:00Z");
        assertThat(overridden.code()).isZero();
    }

    @Test
    void emergencyNeedsAReasonAndSkipsOnlyWhatThePolicyAllows() {
        CliRunner.Result noReason = run("window", "--env", "mainnet", "--at", "2026-12-24T10:00:00Z", "--emergency");
        assertThat(noReason.code()).isEqualTo(3);
        assertThat(noReason.err()).startsWith("error: an emergency override needs a reason");
        CliRunner.Result r = run(
                "window",
                "--env",
                "mainnet",
                "--at",
                "2026-12-24T10:00:00Z",
                "--last-deploy",
                "2026-12-24T09:00:00Z",
                "--emergency",
                "--reason",
                "chain halted",
                "--json");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out())
                .contains("\"reasons\":[{\"code\":\"MIN_INTERVAL\"")
                .contains("\"overridden\":[{\"code\":\"FREEZE\"")
                .contains("{\"code\":\"OUTSIDE_WINDOW\"");
    }

    @Test
    void invalidArgumentsAndConfigurationExit3() throws Exception {
        assertThat(run("window", "--env", "mainet").err())
                .isEqualTo("error: unknown environment 'mainet' (defined: testnet, mainnet)\n");
        assertThat(run("window", "--env", "mainnet", "--at", "tomorrow").code()).isEqualTo(3);
        assertThat(run("window", "--env", "mainnet", "--reason", "x").code()).isEqualTo(3);
        assertThat(run("window").code()).isEqualTo(3);
        Files.writeString(config, POLICY.replace("to: \"01-05\"", "to: \"02-30\""));
        CliRunner.Result bad = run("window", "--env", "mainnet");
        assertThat(bad.code()).isEqualTo(3);
        assertThat(bad.err()).contains("freezes[0].yearly.to: \"02-30\" is not a day of the year (MM-DD)");
    }

    @Test
    void calendarListsUpcomingEntriesInEveryFormat() {
        CliRunner.Result text = run("calendar", "--from", "2026-12-28", "--days", "3");
        assertThat(text.code()).isZero();
        assertThat(text.out().lines().toList())
                .containsExactly(
                        "KIND    NAME      ENVIRONMENTS  START (UTC)           END (UTC)             STATUS"
                                + "              RULE",
                        "FREEZE  year-end  mainnet       2026-12-20T00:00:00Z  2027-01-06T00:00:00Z  FROZEN"
                                + "              yearly 12-20..01-05 UTC",
                        "WINDOW  mainnet   mainnet       2026-12-29T13:00:00Z  2026-12-29T17:00:00Z  FROZEN by year-end"
                                + "  TUE,WED 14:00-18:00 Europe/Berlin",
                        "WINDOW  mainnet   mainnet       2026-12-30T13:00:00Z  2026-12-30T17:00:00Z  FROZEN by year-end"
                                + "  TUE,WED 14:00-18:00 Europe/Berlin");
        CliRunner.Result md = run("calendar", "--from", "2026-12-28", "--days", "3", "--format", "md");
        assertThat(md.out().lines().findFirst().orElseThrow())
                .isEqualTo("| Kind | Name | Environments | Start (UTC) | End (UTC) | Status | Rule |");
        CliRunner.Result ics = run("calendar", "--from", "2026-12-28", "--days", "3", "--format", "ics");
        assertThat(ics.out())
                .startsWith("BEGIN:VCALENDAR\r\n")
                .contains("SUMMARY:Deploy window (FROZEN by year-end): mainnet (mainnet)");
        CliRunner.Result json = run("calendar", "--from", "2026-12-28", "--days", "3", "--json");
        assertThat(json.out()).startsWith("{\"from\":\"2026-12-28T00:00:00Z\",\"to\":\"2026-12-31T00:00:00Z\"");
        assertThat(run("calendar", "--format", "pdf").code()).isEqualTo(3);
        assertThat(run("calendar", "--days", "0").code()).isEqualTo(3);
        assertThat(run("calendar", "--from", "28.12.2026").code()).isEqualTo(3);
    }

    /**
     * Golden outputs of every format for a week with a window inside a yearly freeze and one cut by a one-off freeze:
     * {@code calendar/frozen-windows.FORMAT}. Regenerate after a deliberate change with {@code
     * -Drelease-guard.golden.update=true} and review the diff.
     */
    @Test
    void calendarShowsWindowsInsideFreezesAsFrozenInEveryFormat() throws Exception {
        Files.writeString(
                config,
                """
                version: 1
                timezone: Europe/Berlin
                environments:
                  - name: mainnet
                    windows:
                      - days: [MON, TUE, WED, THU, FRI]
                        from: "10:00"
                        to: "18:00"
                freezes:
                  - name: year-end
                    environments: [mainnet]
                    yearly: { from: "12-24", to: "12-26" }
                  - name: chain-upgrade
                    from: "2026-12-28T12:00:00Z"
                    to: "2026-12-28T14:00:00Z"
                """);
        Path goldens = Path.of("src/test/resources/io/releaseguard/cli/calendar");
        for (String format : List.of("text", "md", "ics", "json")) {
            CliRunner.Result r = run("calendar", "--from", "2026-12-24", "--days", "5", "--format", format);
            assertThat(r.code()).as(r.err()).isZero();
            Path golden = goldens.resolve("frozen-windows." + format);
            if (Boolean.getBoolean("release-guard.golden.update")) {
                Files.createDirectories(goldens);
                Files.writeString(golden, r.out());
            }
            assertThat(r.out()).as("golden %s", golden).isEqualTo(Files.readString(golden));
        }
        // The listing and the decision agree: 10:00Z on Monday is open, 12:30Z is inside chain-upgrade.
        assertThat(run("window", "--env", "mainnet", "--at", "2026-12-28T10:00:00Z")
                        .code())
                .isZero();
        assertThat(run("window", "--env", "mainnet", "--at", "2026-12-28T12:30:00Z")
                        .code())
                .isEqualTo(2);
        assertThat(run("window", "--env", "mainnet", "--at", "2026-12-24T10:00:00Z")
                        .code())
                .isEqualTo(2);
    }
}
