package io.releaseguard.engine.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DidYouMeanTest {
    private static final List<String> KEYS = List.of("minInterval", "soak", "approvals", "windows", "lockLease");

    @ParameterizedTest
    @CsvSource({
        "sok, soak",
        "minintervall, minInterval",
        "MININTERVAL, minInterval",
        "aprovals, approvals",
        "window, windows"
    })
    void suggestsTheClosestKnownName(String typed, String expected) {
        assertThat(DidYouMean.closest(typed, KEYS)).contains(expected);
    }

    @Test
    void suggestsNothingWhenNothingIsClose() {
        assertThat(DidYouMean.closest("timezone", KEYS)).isEmpty();
        assertThat(DidYouMean.closest("x", List.of())).isEmpty();
    }

    @Test
    void allowsMoreEditsForLongerNames() {
        // Two edits are always allowed; a third needs a name of nine characters or more.
        assertThat(DidYouMean.closest("sxxk", List.of("soak"))).contains("soak");
        assertThat(DidYouMean.closest("xxxk", List.of("soak"))).isEmpty();
        assertThat(DidYouMean.closest("lockLxxxe", List.of("lockLease"))).contains("lockLease");
        assertThat(DidYouMean.closest("lockxxxxx", List.of("lockLease"))).isEmpty();
    }

    @Test
    void prefersTheFirstOfEquallyCloseNames() {
        assertThat(DidYouMean.closest("ab", List.of("abc", "abd"))).contains("abc");
    }

    @Test
    void distanceIsTheLevenshteinDistance() {
        assertThat(DidYouMean.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(DidYouMean.distance("", "abc")).isEqualTo(3);
        assertThat(DidYouMean.distance("same", "same")).isZero();
        assertThat(DidYouMean.distance("ab", "ba")).isEqualTo(2);
    }
}
