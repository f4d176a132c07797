package io.releaseguard.engine.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.config.ConfigLoader;
import io.releaseguard.engine.config.ReleaseGuardConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeployCalendarTest {
    static final String POLICY =
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
              - name: chain-upgrade
                from: "2026-12-01T00:00:00Z"
                to: "2026-12-02T06:00:00Z"
            emergency:
              bypass: [freezes, minInterval]
              requireReason: true
            """;

    @TempDir
    Path dir;

    static DeployCalendar calendar(String yaml, Path dir) throws ReleaseGuardException {
        ReleaseGuardConfig config = ConfigLoader.parse(yaml, "release-guard.yaml", dir);
        return DeployCalendar.compile(config, new HttpAndFileIcsFetcher(Duration.ofSeconds(5)));
    }

    @Test
    void listsEveryBlockingReasonWithObservedAndLimit() throws Exception {
        CalendarDecision d = calendar(POLICY, dir)
                .decide(
                        "mainnet",
                        Instant.parse("2026-12-24T10:00:00Z"),
                        Optional.of(Instant.parse("2026-12-23T03:00:00Z")),
                        EmergencyOverride.NONE);
        assertThat(d.verdict()).isEqualTo(Verdict.BLOCKED);
        assertThat(d.reasons())
                .containsExactly(
                        new Reason(
                                ReasonCode.FREEZE,
                                "year-end",
                                "2026-12-24T10:00:00Z is inside freeze 'year-end' (yearly 12-20..01-05 UTC): frozen"
                                        + " from 2026-12-20T00:00:00Z until 2027-01-06T00:00:00Z",
                                Optional.of(Instant.parse("2027-01-06T00:00:00Z"))),
                        new Reason(
                                ReasonCode.OUTSIDE_WINDOW,
                                "mainnet",
                                "2026-12-24T10:00:00Z (Thu 2026-12-24 11:00 Europe/Berlin) is outside every mainnet"
                                        + " window (TUE,WED 14:00-18:00 Europe/Berlin); the next window opens at"
                                        + " 2026-12-29T13:00:00Z",
                                Optional.of(Instant.parse("2026-12-29T13:00:00Z"))),
                        new Reason(
                                ReasonCode.MIN_INTERVAL,
                                "mainnet",
                                "last mainnet deploy 2026-12-23T03:00:00Z is 31h ago; policy requires 48h (open at"
                                        + " 2026-12-25T03:00:00Z)",
                                Optional.of(Instant.parse("2026-12-25T03:00:00Z"))));
        assertThat(d.overridden()).isEmpty();
        assertThat(d.nextOpen()).contains(Instant.parse("2027-01-06T13:00:00Z"));
    }

    @Test
    void emergencyMovesOnlyBypassableReasonsToOverridden() throws Exception {
        DeployCalendar calendar = calendar(POLICY, dir);
        EmergencyOverride override = EmergencyOverride.request(
                Optional.of("chain halted"), calendar.config().emergency());
        CalendarDecision d =
                calendar.decide("mainnet", Instant.parse("2026-12-24T10:00:00Z"), Optional.empty(), override);
        assertThat(d.reasons()).extracting(Reason::code).containsExactly(ReasonCode.OUTSIDE_WINDOW);
        assertThat(d.overridden()).extracting(Reason::name).containsExactly("year-end");
        // Windows are not bypassable here, freezes are: the next open ignores the freeze.
        assertThat(d.nextOpen()).contains(Instant.parse("2026-12-29T13:00:00Z"));
        assertThat(override.reason()).contains("chain halted");
    }

    @Test
    void emergencyWithoutReasonIsInvalidWhenPolicyRequiresOne() throws Exception {
        DeployCalendar calendar = calendar(POLICY, dir);
        assertThatThrownBy(() -> EmergencyOverride.request(
                        Optional.of("  "), calendar.config().emergency()))
                .isInstanceOfSatisfying(ReleaseGuardException.class, e -> assertThat(e.exitCode())
                        .isEqualTo(ExitCode.INVALID))
                .hasMessageContaining("needs a reason");
    }

    @Test
    void unknownEnvironmentIsInvalid() throws Exception {
        assertThatThrownBy(() ->
                        calendar(POLICY, dir).decide("mainet", Instant.EPOCH, Optional.empty(), EmergencyOverride.NONE))
                .isInstanceOfSatisfying(ReleaseGuardException.class, e -> assertThat(e.exitCode())
                        .isEqualTo(ExitCode.INVALID))
                .hasMessage("unknown environment 'mainet' (defined: testnet, mainnet)");
    }

    @Test
    void openWhenNothingBlocks() throws Exception {
        CalendarDecision d = calendar(POLICY, dir)
                .decide("testnet", Instant.parse("2026-12-24T10:00:00Z"), Optional.empty(), EmergencyOverride.NONE);
        assertThat(d.verdict()).isEqualTo(Verdict.OPEN);
        assertThat(d.reasons()).isEmpty();
        assertThat(d.nextOpen()).contains(Instant.parse("2026-12-24T10:00:00Z"));
    }

    @Test
    void endlessCronFreezeHasNoNextOpen() throws Exception {
        String yaml = POLICY.replace(
                "emergency:", "  - name: forever\n    cron: { start: \"0 0 1 1 *\", end: \"0 0 29 2 *\" }\nemergency:");
        // Feb 29 always comes, so the freeze ends; the point is the engine does not loop.
        CalendarDecision d = calendar(yaml, dir)
                .decide("testnet", Instant.parse("2027-01-01T00:00:00Z"), Optional.empty(), EmergencyOverride.NONE);
        assertThat(d.reasons())
                .extracting(Reason::until)
                .containsExactly(Optional.of(Instant.parse("2028-02-29T00:00:00Z")));
        assertThat(d.nextOpen()).contains(Instant.parse("2028-02-29T00:00:00Z"));
    }

    @Test
    void upcomingListsFreezesAndWindowsInOrder() throws Exception {
        List<CalendarEntry> entries = calendar(POLICY, dir)
                .upcoming(Instant.parse("2026-11-30T00:00:00Z"), Instant.parse("2026-12-03T00:00:00Z"));
        assertThat(entries)
                .extracting(e -> e.kind() + " " + e.name() + " " + e.environments() + " " + e.start() + " " + e.end())
                .containsExactly(
                        "FREEZE chain-upgrade [testnet, mainnet] 2026-12-01T00:00:00Z 2026-12-02T06:00:00Z",
                        "WINDOW mainnet [mainnet] 2026-12-01T13:00:00Z 2026-12-01T17:00:00Z",
                        "WINDOW mainnet [mainnet] 2026-12-02T13:00:00Z 2026-12-02T17:00:00Z");
    }

    @Test
    void upcomingWindowsAreFrozenExactlyWhereDecideBlocks() throws Exception {
        DeployCalendar calendar = calendar(
                POLICY.replace(
                        "  - name: chain-upgrade\n    from: \"2026-12-01T00:00:00Z\"",
                        "  - name: chain-upgrade\n    from: \"2026-12-01T15:00:00Z\""),
                dir);
        List<CalendarEntry> windows =
                calendar.upcoming(Instant.parse("2026-11-30T00:00:00Z"), Instant.parse("2027-01-14T00:00:00Z")).stream()
                        .filter(e -> e.kind() == CalendarEntry.Kind.WINDOW)
                        .toList();
        // The Tuesday window 13:00-17:00Z is cut at 15:00Z where chain-upgrade begins.
        assertThat(windows)
                .extracting(e -> e.start() + " " + e.end() + " " + e.frozenBy())
                .startsWith(
                        "2026-12-01T13:00:00Z 2026-12-01T15:00:00Z []",
                        "2026-12-01T15:00:00Z 2026-12-01T17:00:00Z [chain-upgrade]",
                        "2026-12-02T13:00:00Z 2026-12-02T17:00:00Z []");
        assertThat(windows).anyMatch(e -> e.frozenBy().equals(List.of("year-end")));
        for (CalendarEntry w : windows) {
            for (Instant t : List.of(w.start(), w.end().minusSeconds(1))) {
                Verdict v = calendar.decide("mainnet", t, Optional.empty(), EmergencyOverride.NONE)
                        .verdict();
                assertThat(v).as("%s at %s", w, t).isEqualTo(w.frozen() ? Verdict.BLOCKED : Verdict.OPEN);
            }
        }
    }

    @Test
    void icsFromLoopbackUrlIsFetchedOnceOnFirstUse() throws Exception {
        String ics = Files.readString(Path.of("src/test/resources/calendar/golden/ics/holidays.ics"));
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/holidays.ics", exchange -> {
            requests.incrementAndGet();
            byte[] body = ics.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/holidays.ics";
            DeployCalendar calendar = calendar(
                    "version: 1\nenvironments:\n  - name: mainnet\nfreezes:\n  - name: holidays\n    ics: " + url
                            + "\n    timezone: Europe/Berlin\n",
                    dir);
            assertThat(requests).hasValue(0);
            Instant christmas = Instant.parse("2026-12-25T12:00:00Z");
            assertThat(calendar.decide("mainnet", christmas, Optional.empty(), EmergencyOverride.NONE)
                            .verdict())
                    .isEqualTo(Verdict.BLOCKED);
            assertThat(calendar.decide("mainnet", christmas.plusSeconds(60), Optional.empty(), EmergencyOverride.NONE)
                            .verdict())
                    .isEqualTo(Verdict.BLOCKED);
            assertThat(requests).hasValue(1);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void unreachableIcsUrlIsInvalidWhenEvaluated() throws Exception {
        DeployCalendar calendar = calendar(
                "version: 1\nenvironments:\n  - name: mainnet\nfreezes:\n  - name: holidays\n"
                        + "    ics: http://example.org/holidays.ics\n",
                dir);
        assertThatThrownBy(() -> calendar.decide("mainnet", Instant.EPOCH, Optional.empty(), EmergencyOverride.NONE))
                .isInstanceOfSatisfying(ReleaseGuardException.class, e -> assertThat(e.exitCode())
                        .isEqualTo(ExitCode.INVALID))
                .hasMessage("freeze 'holidays': ics http://example.org/holidays.ics cannot be read: plain http is"
                        + " allowed only for loopback hosts; use https");
    }
}
