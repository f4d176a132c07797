package io.releaseguard.engine.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CronExpressionTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "0 18 * * |needs 5 fields (minute hour day-of-month month day-of-week), found 4",
                "60 * * * *|minute 60 is out of range (0-59)",
                "0 24 * * *|hour 24 is out of range (0-23)",
                "0 0 0 * *|day of month 0 is out of range (1-31)",
                "0 0 * 13 *|month 13 is out of range (1-12)",
                "0 0 * * FUN|day of week \"FUN\" is not a number or SUN..SAT",
                "0 0 * JAM *|month \"JAM\" is not a number or JAN..DEC",
                "0 5-2 * * *|hour range \"5-2\" ends before it starts",
                "*/0 * * * *|minute step in \"*/0\" must be at least 1",
                "0,,5 * * * *|minute field \"\" has an empty list element",
                "0 0 31 2 *|never fires (no day matches 31 2)",
                "@daily|needs 5 fields (minute hour day-of-month month day-of-week), found 1",
            })
    void syntaxErrorsNameTheFieldAndValue(String text, String message) {
        assertThatThrownBy(() -> CronExpression.parse(text))
                .isInstanceOf(CronExpression.CronSyntaxException.class)
                .hasMessage(message);
    }

    @Test
    void listsRangesStepsAndNames() throws Exception {
        CronExpression cron = CronExpression.parse("*/20 9-17/4 * jan,Jul-AUG mon-fri");
        assertThat(cron.matches(LocalDateTime.parse("2026-07-01T13:40"))).isTrue(); // Wednesday
        assertThat(cron.matches(LocalDateTime.parse("2026-07-01T13:50"))).isFalse();
        assertThat(cron.matches(LocalDateTime.parse("2026-07-01T11:00"))).isFalse();
        assertThat(cron.matches(LocalDateTime.parse("2026-07-04T13:40"))).isFalse(); // Saturday
        assertThat(cron.matches(LocalDateTime.parse("2026-03-04T13:40"))).isFalse(); // March
    }

    @Test
    void vixieDayMatchingOrWhenBothRestrictedAndWhenOneIsStar() throws Exception {
        CronExpression either = CronExpression.parse("0 0 13 * FRI");
        assertThat(either.matchesDay(LocalDateTime.parse("2026-11-13T00:00").toLocalDate()))
                .isTrue(); // Friday 13th
        assertThat(either.matchesDay(LocalDateTime.parse("2026-11-06T00:00").toLocalDate()))
                .isTrue(); // any Friday
        assertThat(either.matchesDay(LocalDateTime.parse("2026-10-13T00:00").toLocalDate()))
                .isTrue(); // any 13th
        CronExpression both = CronExpression.parse("0 0 */2 * 7");
        assertThat(both.matchesDay(LocalDateTime.parse("2026-11-01T00:00").toLocalDate()))
                .isTrue(); // Sunday the 1st: 7 is Sunday, */2 starts with *
        assertThat(both.matchesDay(LocalDateTime.parse("2026-11-03T00:00").toLocalDate()))
                .isFalse();
    }

    @Test
    void nextAndPreviousAcrossSpringForwardGap() throws Exception {
        CronExpression cron = CronExpression.parse("30 2 * * *");
        // 2026-03-29 02:30 does not exist in Berlin: it fires at the transition, 01:00Z.
        assertThat(cron.next(Instant.parse("2026-03-28T12:00:00Z"), BERLIN))
                .contains(Instant.parse("2026-03-29T01:00:00Z"));
        assertThat(cron.previous(Instant.parse("2026-03-29T05:00:00Z"), BERLIN))
                .contains(Instant.parse("2026-03-29T01:00:00Z"));
        assertThat(cron.next(Instant.parse("2026-03-29T01:00:00Z"), BERLIN))
                .contains(Instant.parse("2026-03-30T00:30:00Z"));
    }

    @Test
    void ambiguousTimeFiresOnceAtFirstOccurrence() throws Exception {
        CronExpression cron = CronExpression.parse("30 2 * * *");
        assertThat(cron.next(Instant.parse("2026-10-24T12:00:00Z"), BERLIN))
                .contains(Instant.parse("2026-10-25T00:30:00Z"));
        // From inside the second 02:xx hour, the next firing is the next day.
        assertThat(cron.next(Instant.parse("2026-10-25T01:15:00Z"), BERLIN))
                .contains(Instant.parse("2026-10-26T01:30:00Z"));
        assertThat(cron.previous(Instant.parse("2026-10-25T01:45:00Z"), BERLIN))
                .contains(Instant.parse("2026-10-25T00:30:00Z"));
    }

    @Test
    void leapDayRuleFindsTheNextLeapYear() throws Exception {
        CronExpression cron = CronExpression.parse("0 12 29 2 *");
        assertThat(cron.next(Instant.parse("2026-03-01T00:00:00Z"), ZoneOffset.UTC))
                .contains(Instant.parse("2028-02-29T12:00:00Z"));
        assertThat(cron.previous(Instant.parse("2026-03-01T00:00:00Z"), ZoneOffset.UTC))
                .contains(Instant.parse("2024-02-29T12:00:00Z"));
    }

    @Test
    void nextIsStrictlyAfterAndPreviousIsAtOrBefore() throws Exception {
        CronExpression cron = CronExpression.parse("0 18 * * FRI");
        Instant friday = Instant.parse("2026-11-06T17:00:00Z");
        assertThat(cron.previous(friday, BERLIN)).contains(friday);
        assertThat(cron.next(friday, BERLIN)).contains(Instant.parse("2026-11-13T17:00:00Z"));
    }
}
