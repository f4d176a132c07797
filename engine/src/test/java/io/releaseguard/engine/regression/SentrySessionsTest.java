package io.releaseguard.engine.regression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.releaseguard.engine.JsonReports;
import java.io.IOException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Hourly session buckets spread over the windows they overlap, as far as sessions were possible in them. */
class SentrySessionsTest {
    private static final Instant DEPLOY = Instant.parse("2026-11-20T11:40:00Z");
    private static final Instant AT = Instant.parse("2026-11-20T12:10:00Z");

    /** The documented response shape, grouped by session.status: 600 sessions from 11:00, 300 from 12:00. */
    private static SentrySessions.Series series() throws IOException {
        return SentrySessions.Series.parse(
                JsonReports.MAPPER.readTree(
                        """
                        {"start": "2026-11-20T11:00:00Z", "end": "2026-11-20T13:00:00Z",
                         "intervals": ["2026-11-20T11:00:00Z", "2026-11-20T12:00:00Z"],
                         "groups": [
                           {"by": {"session.status": "healthy"}, "totals": {"sum(session)": 750},
                            "series": {"sum(session)": [500, 250]}},
                           {"by": {"session.status": "errored"}, "totals": {"sum(session)": 150},
                            "series": {"sum(session)": [100, 50]}}]}
                        """),
                "sessions");
    }

    @Test
    void aBucketIsSpreadOverThePartOfItInWhichSessionsWerePossible() throws IOException {
        SentrySessions.Series s = series();
        // Baseline 10:40..11:40: two thirds of the 11:00 bucket.
        assertThat(s.in(DEPLOY.minusSeconds(3600), DEPLOY, Instant.MIN, AT)).isCloseTo(400, within(1e-9));
        // After 11:40..12:10: a third of the 11:00 bucket and all of the 12:00 one, which ends at the evaluation.
        assertThat(s.in(DEPLOY, AT, Instant.MIN, AT)).isCloseTo(500, within(1e-9));
        // The deployed release cannot have had sessions before the deploy: all of both buckets are after it.
        assertThat(s.in(DEPLOY, AT, DEPLOY, AT)).isCloseTo(900, within(1e-9));
    }

    @Test
    void aResponseOfAnotherShapeIsAnErrorNamingWhatWasExpected() {
        assertThatThrownBy(() -> SentrySessions.Series.parse(JsonReports.MAPPER.readTree("{\"detail\": \"x\"}"), "u"))
                .isInstanceOf(IOException.class)
                .hasMessage("u: expected 'intervals' and 'groups' (release health session stats)");
    }
}
