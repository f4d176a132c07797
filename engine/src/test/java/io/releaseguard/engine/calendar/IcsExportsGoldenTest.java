package io.releaseguard.engine.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Calendars as Google Calendar, Outlook/Exchange, Apple Calendar and Thunderbird export them (their PRODID, VTIMEZONE
 * style and X- properties), written by hand. The expected freezes are worked out by hand from RFC 5545, in UTC, in
 * the comments: never taken from the code's output.
 */
class IcsExportsGoldenTest {
    private static final Path DIR = Path.of("src/test/resources/calendar/exports");

    private static List<Interval> freezes(String file, String zone, String from, String to) throws Exception {
        IcsCalendar c = IcsCalendar.parse(Files.readString(DIR.resolve(file)), ZoneId.of(zone), file);
        return c.between(Instant.parse(from), Instant.parse(to));
    }

    private static Interval at(String start, String end) {
        return new Interval(Instant.parse(start), Instant.parse(end));
    }

    @Test
    void google() throws Exception {
        assertThat(freezes("google.ics", "Europe/Berlin", "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z"))
                .containsExactly(
                        // Thursdays 18:00-22:00 Berlin from 5 March; CET (UTC+1) until 29 March.
                        at("2026-03-05T17:00:00Z", "2026-03-05T21:00:00Z"),
                        at("2026-03-12T17:00:00Z", "2026-03-12T21:00:00Z"),
                        // 19 March: EXDATE. 26 March: RECURRENCE-ID moves it to Friday 27th 09:00-13:00 CET.
                        at("2026-03-27T08:00:00Z", "2026-03-27T12:00:00Z"),
                        // CEST (UTC+2) from 29 March; UNTIL 16:59:59Z keeps 9 April (16:00Z), drops 16 April.
                        at("2026-04-02T16:00:00Z", "2026-04-02T20:00:00Z"),
                        at("2026-04-09T16:00:00Z", "2026-04-09T20:00:00Z"),
                        // All-day on the 1st, UNTIL a date (inclusive): Berlin days, CEST then CET after 25 Oct.
                        at("2026-08-31T22:00:00Z", "2026-09-01T22:00:00Z"),
                        at("2026-09-30T22:00:00Z", "2026-10-01T22:00:00Z"),
                        // 1 November: STATUS:CANCELLED override with RECURRENCE-ID;VALUE=DATE.
                        at("2026-11-30T23:00:00Z", "2026-12-01T23:00:00Z"));
    }

    @Test
    void outlookWithWindowsZoneNames() throws Exception {
        assertThat(freezes("outlook.ics", "Europe/Berlin", "2026-10-01T00:00:00Z", "2027-01-01T00:00:00Z"))
                .containsExactly(
                        // Mondays 18:00-20:00 "W. Europe Standard Time" (Europe/Berlin), CEST until 25 October.
                        at("2026-10-05T16:00:00Z", "2026-10-05T18:00:00Z"),
                        // 12 and 19 October: one EXDATE with two values. 26 October moved to Tuesday 07:00 CET.
                        at("2026-10-27T06:00:00Z", "2026-10-27T08:00:00Z"),
                        // "Pacific Standard Time" on the US fall-back day: 01:30 is ambiguous, so its first
                        // occurrence (PDT, UTC-7) = 08:30Z; 03:00 PST (UTC-8) = 11:00Z.
                        at("2026-11-01T08:30:00Z", "2026-11-01T11:00:00Z"),
                        // 2 November 18:00 CET = 17:00Z equals UNTIL (inclusive).
                        at("2026-11-02T17:00:00Z", "2026-11-02T19:00:00Z"),
                        // All-day Christmas Eve in the freeze's zone (Berlin, CET).
                        at("2026-12-23T23:00:00Z", "2026-12-24T23:00:00Z"));
    }

    @Test
    void appleAcrossTheSpringForwardGap() throws Exception {
        assertThat(freezes("apple.ics", "America/New_York", "2026-01-01T00:00:00Z", "2028-01-01T00:00:00Z"))
                .containsExactly(
                        // Daily 02:00-03:00 New York, COUNT=5, EST (UTC-5).
                        at("2026-03-06T07:00:00Z", "2026-03-06T08:00:00Z"),
                        at("2026-03-07T07:00:00Z", "2026-03-07T08:00:00Z"),
                        // 8 March 02:00 does not exist: read with the offset before the gap (EST) = 07:00Z, i.e.
                        // 03:00 EDT (RFC 5545 3.3.5); DTEND gives an exact hour.
                        at("2026-03-08T07:00:00Z", "2026-03-08T08:00:00Z"),
                        // 9 March moved to 22:00-23:00 EDT (UTC-4).
                        at("2026-03-10T02:00:00Z", "2026-03-10T03:00:00Z"),
                        // 10 March: STATUS:CANCELLED. Thanksgiving, 4th Thursday of November, two New York days,
                        // UNTIL a date: 2026-11-26 and 2027-11-25 (EST).
                        at("2026-11-26T05:00:00Z", "2026-11-28T05:00:00Z"),
                        at("2027-11-25T05:00:00Z", "2027-11-27T05:00:00Z"));
    }

    @Test
    void thunderbirdWithDateAndPeriodRdates() throws Exception {
        assertThat(freezes("thunderbird.ics", "Europe/London", "2026-10-01T00:00:00Z", "2028-01-01T00:00:00Z"))
                .containsExactly(
                        // Fridays 17:00-19:00 London, COUNT=3: 23 Oct in BST (UTC+1).
                        at("2026-10-23T16:00:00Z", "2026-10-23T18:00:00Z"),
                        // 30 Oct: EXDATE in UTC (17:00 GMT). 6 Nov: cancelled. RDATE 13 Nov 17:00 GMT, 2 hours.
                        at("2026-11-13T17:00:00Z", "2026-11-13T19:00:00Z"),
                        // All-day 31 Dec (GMT) and date RDATEs 31 Mar and 30 Jun 2027 (BST): London days.
                        at("2026-12-31T00:00:00Z", "2027-01-01T00:00:00Z"),
                        at("2027-03-30T23:00:00Z", "2027-03-31T23:00:00Z"),
                        at("2027-06-29T23:00:00Z", "2027-06-30T23:00:00Z"),
                        // A PERIOD RDATE in UTC is itself.
                        at("2027-09-15T08:00:00Z", "2027-09-15T12:00:00Z"));
    }
}
