package io.releaseguard.engine.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.config.ConfigException;
import io.releaseguard.engine.config.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneRulesProvider;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading and expanding ICS calendars: bounds, errors that never quote the file, zones on every value, no leak. */
class IcsCalendarTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @TempDir
    Path dir;

    private static String calendar(String... lines) {
        return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//release-guard//test//EN\r\n" + String.join("\r\n", lines)
                + "\r\nEND:VCALENDAR\r\n";
    }

    private static String event(String... lines) {
        return "BEGIN:VEVENT\r\nUID:e@example.org\r\nDTSTAMP:20260101T000000Z\r\n" + String.join("\r\n", lines)
                + "\r\nEND:VEVENT";
    }

    private static List<Interval> intervals(String ics, ZoneId zone, String from, String to) throws Exception {
        return IcsCalendar.parse(ics, zone).between(Instant.parse(from), Instant.parse(to));
    }

    private static Interval interval(String start, String end) {
        return new Interval(Instant.parse(start), Instant.parse(end));
    }

    @Test
    void secondlyAndMinutelyAreRefusedAtTheirLineWithinASecond() {
        for (String freq : List.of("SECONDLY", "MINUTELY")) {
            String ics = calendar(event("DTSTART:20260101T000000Z", "DTEND:20260101T000001Z", "RRULE:FREQ=" + freq));
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThatThrownBy(
                            () -> IcsCalendar.parse(ics, BERLIN))
                    .isInstanceOfSatisfying(IcsCalendar.IcsException.class, e -> assertThat(e.line())
                            .isEqualTo(9))
                    .hasMessage("RRULE FREQ=" + freq + " is refused: a freeze may recur at most hourly (and at most"
                            + " 100000 times per event)"));
        }
    }

    @Test
    void validateRefusesASecondlyCalendarNamingFileAndLine() throws Exception {
        Files.createDirectories(dir.resolve("calendars"));
        Files.copy(Path.of("src/test/resources/config/calendars/secondly.ics"), dir.resolve("calendars/flood.ics"));
        Path policy = dir.resolve("release-guard.yaml");
        Files.writeString(
                policy,
                "version: 1\nenvironments:\n  - name: mainnet\nfreezes:\n  - name: flood\n    ics: calendars/flood.ics\n");
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThatThrownBy(() -> ConfigLoader.load(policy))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("release-guard.yaml:6:10 freezes[0].ics: calendars/flood.ics:9 RRULE"
                        + " FREQ=SECONDLY is refused"));
    }

    @Test
    void anEventWithMoreOccurrencesThanTheMaximumFailsTheDecisionClearly() throws Exception {
        // Hourly from 2020: 100,000 occurrences are reached in May 2031.
        Files.writeString(
                dir.resolve("hourly.ics"),
                calendar(event("DTSTART:20200101T000000Z", "DURATION:PT10M", "RRULE:FREQ=HOURLY")));
        DeployCalendar calendar = DeployCalendarTest.calendar(
                "version: 1\nenvironments:\n  - name: mainnet\nfreezes:\n  - name: hourly\n    ics: hourly.ics\n", dir);
        assertThat(calendar.decide(
                                "mainnet",
                                Instant.parse("2030-06-01T00:05:00Z"),
                                Optional.empty(),
                                EmergencyOverride.NONE)
                        .verdict())
                .isEqualTo(Verdict.BLOCKED);
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThatThrownBy(() -> calendar.decide(
                        "mainnet", Instant.parse("2031-06-01T00:05:00Z"), Optional.empty(), EmergencyOverride.NONE))
                .isInstanceOf(ReleaseGuardException.class)
                .hasMessage("freeze 'hourly': ics hourly.ics:9 RRULE has more than 100000 occurrences from DTSTART to"
                        + " the end of 2031; an event may have at most 100000"));
    }

    @Test
    void anEndlessRuleIsExpandedUpToTheHorizonAndFailsBeyondIt() throws Exception {
        String ics = calendar(event("DTSTART;VALUE=DATE:19001225", "RRULE:FREQ=YEARLY"));
        IcsCalendar c = IcsCalendar.parse(ics, ZoneId.of("UTC"), "christmas.ics");
        assertThat(c.between(Instant.parse("2100-12-25T10:00:00Z"), Instant.parse("2100-12-25T11:00:00Z")))
                .containsExactly(interval("2100-12-25T00:00:00Z", "2100-12-26T00:00:00Z"));
        assertThatThrownBy(() -> c.covering(Instant.parse("2101-12-25T10:00:00Z")))
                .isInstanceOf(IcsCalendar.ExpansionException.class)
                .hasMessage("christmas.ics:8 RRULE repeats forever; an event is expanded at most 200 years past its"
                        + " DTSTART (1900), and 2101 is later");
        String counted = calendar(event("DTSTART;VALUE=DATE:19001225", "RRULE:FREQ=YEARLY;COUNT=300"));
        assertThat(IcsCalendar.parse(counted, ZoneId.of("UTC")).covering(Instant.parse("2150-12-25T10:00:00Z")))
                .isPresent();
    }

    @Test
    void parsingTenThousandTimesRegistersNoZoneRulesProvider() throws Exception {
        String outlook = Files.readString(Path.of("src/test/resources/calendar/exports/outlook.ics"));
        String google = Files.readString(Path.of("src/test/resources/calendar/exports/google.ics"));
        IcsCalendar.parse(outlook, BERLIN);
        int zones = ZoneRulesProvider.getAvailableZoneIds().size();
        for (int i = 0; i < 5_000; i++) {
            IcsCalendar.parse(outlook, BERLIN);
            IcsCalendar.parse(google, BERLIN);
        }
        // ical4j's CalendarBuilder added one permanent zone per VTIMEZONE (and a provider) on every parse.
        assertThat(ZoneRulesProvider.getAvailableZoneIds()).hasSize(zones);
    }

    @Test
    void errorsNameTheLineAndNeverQuoteTheFile() {
        assertThatThrownBy(() -> IcsCalendar.parse(
                        "s3cr3t-t0ken-0f-the-controller:VALUE-that-must-never-be-printed\nmore\n", BERLIN))
                .isInstanceOfSatisfying(IcsCalendar.IcsException.class, e -> {
                    assertThat(e.line()).isEqualTo(1);
                    assertThat(e.describe("/etc/release-guard/token"))
                            .isEqualTo("/etc/release-guard/token:1 is not an iCalendar file (it must start with"
                                    + " BEGIN:VCALENDAR)");
                })
                .message()
                .doesNotContainIgnoringCase("s3cr3t")
                .doesNotContain("VALUE-that");
        assertThatThrownBy(() -> IcsCalendar.parse(calendar(event("DTSTART:2026XX01T000000-s3cr3t")), BERLIN))
                .isInstanceOfSatisfying(IcsCalendar.IcsException.class, e -> assertThat(e.line())
                        .isEqualTo(7))
                .hasMessage("DTSTART is not a date or date-time");
        assertThatThrownBy(() -> IcsCalendar.parse(calendar(event("DTSTART;TZID=s3cr3t:20260101T000000")), BERLIN))
                .hasMessage("DTSTART has a TZID that is neither an IANA zone (Europe/Berlin) nor a Windows zone name"
                        + " (W. Europe Standard Time)");
        assertThatThrownBy(() -> IcsCalendar.parse("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20260101\n", BERLIN))
                .hasMessage("is not a valid iCalendar file: VEVENT is never ended");
    }

    @Test
    void dateRdatesAreAllDayOccurrencesInTheFreezeZone() throws Exception {
        String ics = calendar(event(
                "DTSTART;VALUE=DATE:20240710", "DTEND;VALUE=DATE:20240711", "RDATE;VALUE=DATE:20240717,20240724"));
        assertThat(intervals(ics, BERLIN, "2024-07-01T00:00:00Z", "2024-08-01T00:00:00Z"))
                .containsExactly(
                        interval("2024-07-09T22:00:00Z", "2024-07-10T22:00:00Z"),
                        interval("2024-07-16T22:00:00Z", "2024-07-17T22:00:00Z"),
                        interval("2024-07-23T22:00:00Z", "2024-07-24T22:00:00Z"));
    }

    @Test
    void rdatePeriodsAndDateTimesHonourTheirOwnZone() throws Exception {
        String ics = calendar(event(
                "DTSTART:20231201T100000",
                "DTEND:20231201T110000",
                // 12:00-15:00 in Vancouver (PST, UTC-8) is 20:00-23:00Z, not 12:00-15:00 in Berlin.
                "RDATE;VALUE=PERIOD;TZID=America/Vancouver:20231213T120000/20231213T150000",
                // Start and duration, in Vancouver: 09:00 PST for 2 hours.
                "RDATE;VALUE=PERIOD;TZID=America/Vancouver:20231214T090000/PT2H",
                "RDATE;VALUE=PERIOD:20231215T120000Z/PT30M",
                "RDATE;TZID=Asia/Tokyo:20231216T090000",
                "RDATE:20231217T090000"));
        assertThat(intervals(ics, BERLIN, "2023-12-01T00:00:00Z", "2024-01-01T00:00:00Z"))
                .containsExactly(
                        interval("2023-12-01T09:00:00Z", "2023-12-01T10:00:00Z"),
                        interval("2023-12-13T20:00:00Z", "2023-12-13T23:00:00Z"),
                        interval("2023-12-14T17:00:00Z", "2023-12-14T19:00:00Z"),
                        interval("2023-12-15T12:00:00Z", "2023-12-15T12:30:00Z"),
                        interval("2023-12-16T00:00:00Z", "2023-12-16T01:00:00Z"),
                        interval("2023-12-17T08:00:00Z", "2023-12-17T09:00:00Z"));
    }

    @Test
    void exdatesMatchByInstantWhateverZoneTheyAreWrittenIn() throws Exception {
        String ics = calendar(event(
                "DTSTART;TZID=Europe/Berlin:20231201T100000",
                "DTEND;TZID=Europe/Berlin:20231201T110000",
                "RRULE:FREQ=DAILY;COUNT=4",
                // 04:00 in New York is 10:00 in Berlin: the first occurrence.
                "EXDATE;TZID=America/New_York:20231201T040000",
                "EXDATE:20231203T090000Z"));
        assertThat(intervals(ics, BERLIN, "2023-12-01T00:00:00Z", "2024-01-01T00:00:00Z"))
                .containsExactly(
                        interval("2023-12-02T09:00:00Z", "2023-12-02T10:00:00Z"),
                        interval("2023-12-04T09:00:00Z", "2023-12-04T10:00:00Z"));
    }

    @Test
    void tzidsMayBeIanaWindowsOrMozillaNamesAndRulesComeFromTheJdk() throws Exception {
        String ics = calendar(
                event(
                        "DTSTART;TZID=\"(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna\":20260105T100000",
                        "DURATION:PT1H"),
                event("DTSTART;TZID=/mozilla.org/20050126_1/America/New_York:20260106T100000", "DURATION:PT1H"),
                event("DTSTART;TZID=Tokyo Standard Time:20260107T100000", "DURATION:PT1H"));
        assertThat(intervals(ics, ZoneId.of("UTC"), "2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z"))
                .containsExactly(
                        interval("2026-01-05T09:00:00Z", "2026-01-05T10:00:00Z"),
                        interval("2026-01-06T15:00:00Z", "2026-01-06T16:00:00Z"),
                        interval("2026-01-07T01:00:00Z", "2026-01-07T02:00:00Z"));
    }
}
