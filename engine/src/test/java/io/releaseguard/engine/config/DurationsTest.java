package io.releaseguard.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({
        "90s, PT1M30S",
        "30m, PT30M",
        "48h, PT48H",
        "7d, PT168H",
        "1w, PT168H",
        "1h30m, PT1H30M",
        "500ms, PT0.5S",
        "0s, PT0S",
        "PT48H, PT48H",
        "P7D, PT168H",
        "pt5s, PT5S",
        "' 2h ', PT2H"
    })
    void parsesCompactAndIsoForms(String text, String expected) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "48", "h", "-1h", "1x", "1h 30m", "1.5h", "P", "PTH"})
    void rejectsWhatIsNotADuration(String text) {
        assertThatThrownBy(() -> Durations.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(text.isBlank() ? "empty duration" : "\"" + text + "\" is not a duration");
    }

    @Test
    void rejectsNegativeIsoDurations() {
        assertThatThrownBy(() -> Durations.parse("P-1D"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("\"P-1D\" is negative; durations must be zero or more");
    }

    @ParameterizedTest
    @ValueSource(strings = {"999999999999999d", "1317624576693539402w", "99999999999999999999s"})
    void rejectsDurationsTooLongToRepresentWithoutCrashing(String text) {
        assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource({"PT0S, 0s", "PT48H, 2d", "PT1H30M, 1h30m", "PT90S, 1m30s", "PT0.25S, 250ms", "PT169H1S, 7d1h1s"})
    void formatsInTheCompactFormUsersWrite(String iso, String compact) {
        assertThat(Durations.format(Duration.parse(iso))).isEqualTo(compact);
    }

    @Property
    void formatRoundTrips(@ForAll @LongRange(min = 0, max = 1_000L * 365 * 24 * 3600 * 1000) long millis) {
        Duration d = Duration.ofMillis(millis);
        assertThat(Durations.parse(Durations.format(d))).isEqualTo(d);
    }
}
