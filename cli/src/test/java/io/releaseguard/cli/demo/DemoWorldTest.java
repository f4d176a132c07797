package io.releaseguard.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The release-to-commit rule the demo world reports in {@code /buildinfo}. */
class DemoWorldTest {
    @Test
    void shaTagNamesItsCommitPaddedToFullLength() {
        assertThat(DemoWorld.shaOf("sha-abc1234")).isEqualTo("abc1234" + "0".repeat(33));
        assertThat(DemoWorld.shaOf("SHA-ABC1234")).isEqualTo("abc1234" + "0".repeat(33));
        assertThat(DemoWorld.shaOf("4f3c2b1a9e")).isEqualTo("4f3c2b1a9e" + "0".repeat(30));
    }

    @Test
    void otherTagsMapToTwelveHexDigitsOfTheirSha256() {
        // printf 'v1.4.0' | sha256sum
        assertThat(DemoWorld.shaOf("v1.4.0")).isEqualTo("63556338d863").hasSize(12);
        assertThat(DemoWorld.shaOf("sha-abc12")).hasSize(12).isNotEqualTo(DemoWorld.shaOf("sha-abc13"));
    }
}
