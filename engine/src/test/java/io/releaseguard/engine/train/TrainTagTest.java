package io.releaseguard.engine.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releaseguard.engine.ReleaseGuardException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TrainTagTest {
    private static final VersionLine LINE = new VersionLine(0, 5);

    @Test
    void formatsAndParsesTheScheme() {
        TrainTag tag = new TrainTag(LINE, 0, "dev", 3);
        assertThat(tag.name()).isEqualTo("v0.5.0-dev.3");
        assertThat(TrainTag.parse("v0.5.0-dev.3")).contains(tag);
        assertThat(TrainTag.parse("v10.0.2-hot-fix.12"))
                .contains(new TrainTag(new VersionLine(10, 0), 2, "hot-fix", 12));
    }

    @Test
    void malformedNamesAreNotTrainTags() {
        for (String name : List.of(
                "v0.5.0-dev.03",
                "v0.5.0-dev.0",
                "v0.5-dev.1",
                "0.5.0-dev.1",
                "v0.5.0-dev.1-extra",
                "v0.5.0-Dev.1",
                "v0.5.0-dev.",
                "v00.5.0-dev.1",
                "release-2026",
                "v0.5.0-dev.99999999999")) {
            assertThat(TrainTag.parse(name)).as(name).isEmpty();
        }
    }

    @Test
    void nextNumberIgnoresUnrelatedMalformedAndOtherLinesAndTracks() {
        List<String> names = List.of(
                "v0.5.0-dev.1",
                "v0.5.0-dev.7",
                "v0.5.0-dev.08",
                "v0.5.0-dev.x",
                "v0.4.0-dev.40",
                "v0.5.0-staging.9",
                "v0.5.1-dev.2",
                "nightly",
                "2026.4.0-rc.3");
        assertThat(TrainTag.next(LINE, "dev", names).name()).isEqualTo("v0.5.0-dev.8");
        assertThat(TrainTag.next(LINE, "hotfix", names).name()).isEqualTo("v0.5.0-hotfix.1");
        assertThat(TrainTag.latest(LINE, "staging", names).map(TrainTag::name)).contains("v0.5.0-staging.9");
        assertThat(TrainTag.latest(new VersionLine(0, 6), "dev", names)).isEqualTo(Optional.empty());
    }

    @Test
    void versionLineMustBeMajorDotMinor() throws ReleaseGuardException {
        assertThat(VersionLine.parse("0.5")).isEqualTo(LINE);
        for (String bad : List.of("0.5.1", "v0.5", "05.1", "0", "", "0.5 ")) {
            assertThatThrownBy(() -> VersionLine.parse(bad))
                    .as(bad)
                    .hasMessage("version line \"" + bad
                            + "\" is not MAJOR.MINOR (non-negative numbers without leading zeros, e.g. \"0.5\")");
        }
    }

    @Test
    void tracksThatCannotBeTagNamesAreRefused() {
        assertThatThrownBy(() -> TrainTag.requireTrackName("Dev_1"))
                .hasMessageContaining("track 'Dev_1' cannot be part of a tag name");
        assertThatThrownBy(() -> TrainTag.require("v0.5.0-dev.03"))
                .hasMessage("\"v0.5.0-dev.03\" is not a train tag (vMAJOR.MINOR.PATCH-TRACK.N, e.g. v0.5.0-dev.3)");
    }
}
