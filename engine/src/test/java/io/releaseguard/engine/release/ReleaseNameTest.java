package io.releaseguard.engine.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.ReleaseGuardException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReleaseNameTest {
    @ParameterizedTest
    @ValueSource(strings = {"sha-abc1234", "testnet-20260307-143000", "v0.5.0-dev.3", "2026.4.0-rc.3", "1.0.0+build.5"})
    void acceptsTagsUsersWrite(String tag) throws ReleaseGuardException {
        assertThat(ReleaseName.parse(tag).value()).isEqualTo(tag);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "v1;rm -rf /", "$(id)", "`id`", "a b", "../etc", "-rf", "v1\nv2", "x|y", "a>b", "ü"})
    void refusesAnythingAShellCouldInterpret(String tag) {
        assertThatThrownBy(() -> ReleaseName.parse(tag))
                .isInstanceOf(ReleaseGuardException.class)
                .satisfies(
                        e -> assertThat(((ReleaseGuardException) e).exitCode()).isEqualTo(ExitCode.INVALID))
                .hasMessageContaining("is not a valid release name")
                .hasMessageNotContaining("\n");
    }
}
