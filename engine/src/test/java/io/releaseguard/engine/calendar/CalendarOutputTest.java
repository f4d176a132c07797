package io.releaseguard.engine.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseguard.engine.audit.AuditEntry;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CalendarOutputTest {
    private static final Instant FROM = Instant.parse("2026-11-30T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-12-03T00:00:00Z");

    @TempDir
    Path dir;

    @Test
    void decisionJsonFollowsTheWindowContract() throws Exception {
        DeployCalendar calendar = DeployCalendarTest.calendar(DeployCalendarTest.POLICY, dir);
        EmergencyOverride override = EmergencyOverride.request(
                Optional.of("incident 42"), calendar.config().emergency());
        CalendarDecision d =
                calendar.decide("mainnet", Instant.parse("2026-12-24T10:00:00Z"), Optional.empty(), override);
        assertThat(CalendarJson.write(CalendarJson.decision(d)))
                .isEqualTo("{\"environment\":\"mainnet\",\"at\":\"2026-12-24T10:00:00Z\",\"verdict\":\"BLOCKED\","
                        + "\"reasons\":[{\"code\":\"OUTSIDE_WINDOW\",\"name\":\"mainnet\",\"message\":\"2026-12-24T10:00:00Z"
                        + " (Thu 2026-12-24 11:00 Europe/Berlin) is outside every mainnet window (TUE,WED 14:00-18:00"
                        + " Europe/Berlin); the next window opens at 2026-12-29T13:00:00Z\","
                        + "\"until\":\"2026-12-29T13:00:00Z\"}],"
                        + "\"overridden\":[{\"code\":\"FREEZE\",\"name\":\"year-end\",\"message\":\"2026-12-24T10:00:00Z is"
                        + " inside freeze 'year-end' (yearly 12-20..01-05 UTC): frozen from 2026-12-20T00:00:00Z until"
                        + " 2027-01-06T00:00:00Z\",\"until\":\"2027-01-06T00:00:00Z\"}],"
                        + "\"nextOpen\":\"2026-12-29T13:00:00Z\"}");
    }

    @Test
    void icsExportParsesBackToTheSameIntervals() throws Exception {
        DeployCalendar calendar = DeployCalendarTest.calendar(DeployCalendarTest.POLICY, dir);
        List<CalendarEntry> entries = calendar.upcoming(FROM, TO);
        String ics = CalendarExport.render(entries, FROM, TO, ZoneId.of("UTC"), CalendarExport.Format.ICS);
        assertThat(ics).startsWith("BEGIN:VCALENDAR").contains("PRODID:-//release-guard//calendar//EN");
        assertThat(ics).contains("SUMMARY:Freeze: chain-upgrade (testnet\\, mainnet)");
        assertThat(ics.split("DTSTAMP:", -1)).hasSize(entries.size() + 1);
        assertThat(ics).contains("DTSTAMP:20261130T000000Z");
        IcsCalendar back = IcsCalendar.parse(ics, ZoneId.of("UTC"));
        assertThat(back.between(FROM, TO))
                .containsExactlyElementsOf(entries.stream()
                        .map(e -> new Interval(e.start(), e.end()))
                        .sorted()
                        .toList());
        // Deterministic: the same range renders byte for byte the same.
        assertThat(CalendarExport.render(entries, FROM, TO, ZoneId.of("UTC"), CalendarExport.Format.ICS))
                .isEqualTo(ics);
    }

    @Test
    void textAndMarkdownShowUtcAndLocalTimesAndWhichWindowsAreFrozen() throws Exception {
        List<CalendarEntry> entries =
                DeployCalendarTest.calendar(DeployCalendarTest.POLICY, dir).upcoming(FROM, TO);
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        assertThat(CalendarExport.render(entries, FROM, TO, berlin, CalendarExport.Format.TEXT)
                        .lines())
                .containsExactly(
                        "KIND    NAME           ENVIRONMENTS     START (UTC)           END (UTC)             START"
                                + " (Europe/Berlin)               STATUS                   RULE",
                        "FREEZE  chain-upgrade  testnet,mainnet  2026-12-01T00:00:00Z  2026-12-02T06:00:00Z  Tue"
                                + " 2026-12-01 01:00 Europe/Berlin  FROZEN                   one-off",
                        "WINDOW  mainnet        mainnet          2026-12-01T13:00:00Z  2026-12-01T17:00:00Z  Tue"
                                + " 2026-12-01 14:00 Europe/Berlin  FROZEN by chain-upgrade  TUE,WED 14:00-18:00"
                                + " Europe/Berlin",
                        "WINDOW  mainnet        mainnet          2026-12-02T13:00:00Z  2026-12-02T17:00:00Z  Wed"
                                + " 2026-12-02 14:00 Europe/Berlin  OPEN                     TUE,WED 14:00-18:00"
                                + " Europe/Berlin");
        assertThat(CalendarExport.render(entries, FROM, TO, berlin, CalendarExport.Format.MD))
                .startsWith("| Kind | Name | Environments | Start (UTC) | End (UTC) | Start (Europe/Berlin) | Status |"
                        + " Rule |\n|---|---|---|---|---|---|---|---|\n")
                .contains("| WINDOW | mainnet | mainnet | 2026-12-01T13:00:00Z | 2026-12-01T17:00:00Z | Tue 2026-12-01"
                        + " 14:00 Europe/Berlin | FROZEN by chain-upgrade | TUE,WED 14:00-18:00 Europe/Berlin |");
        // In UTC the local column would repeat the UTC one, so there is none.
        assertThat(CalendarExport.render(entries, FROM, TO, ZoneId.of("UTC"), CalendarExport.Format.MD))
                .startsWith("| Kind | Name | Environments | Start (UTC) | End (UTC) | Status | Rule |\n");
        assertThat(CalendarExport.render(entries, FROM, TO, ZoneId.of("UTC"), CalendarExport.Format.TEXT))
                .startsWith(
                        "KIND    NAME           ENVIRONMENTS     START (UTC)           END (UTC)             STATUS")
                .doesNotContain("START (UTC)  START");
        assertThat(CalendarExport.render(entries, FROM, TO, berlin, CalendarExport.Format.JSON))
                .startsWith("{\"from\":\"2026-11-30T00:00:00Z\",\"to\":\"2026-12-03T00:00:00Z\",\"entries\":[{\"kind\":"
                        + "\"FREEZE\",\"name\":\"chain-upgrade\",\"environments\":[\"testnet\",\"mainnet\"]")
                .contains("\"end\":\"2026-12-01T17:00:00Z\",\"rule\":\"TUE,WED 14:00-18:00 Europe/Berlin\","
                        + "\"frozenBy\":[\"chain-upgrade\"]}");
    }

    @Test
    void auditEntryRecordsReasonsOverridesAndTheEmergencyReason() throws Exception {
        DeployCalendar calendar = DeployCalendarTest.calendar(DeployCalendarTest.POLICY, dir);
        EmergencyOverride override = EmergencyOverride.request(
                Optional.of("incident 42"), calendar.config().emergency());
        CalendarDecision d = calendar.decide(
                "mainnet",
                Instant.parse("2026-12-29T13:30:00Z"),
                Optional.of(Instant.parse("2026-12-28T13:30:00Z")),
                override);
        AuditEntry e = CalendarAudit.entry(d, "alice", "v1.4.2", override);
        assertThat(e.verdict()).isEqualTo("OPEN");
        assertThat(e.reason()).isEqualTo("open by emergency override");
        assertThat(e.details())
                .containsEntry("emergency", "incident 42")
                .containsEntry("at", "2026-12-29T13:30:00Z")
                .containsKeys("overridden.0", "overridden.1");
        assertThat(e.details().get("overridden.1")).startsWith("MIN_INTERVAL: last mainnet deploy");
    }
}
