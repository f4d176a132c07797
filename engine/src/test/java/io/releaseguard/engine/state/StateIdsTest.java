package io.releaseguard.engine.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.ReleaseGuardException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StateIdsTest {
    @ParameterizedTest
    @ValueSource(strings = {"mainnet", "staging-eu_1", "promo-20261122-ab12", "v1.2.3"})
    void acceptsPlainNames(String id) throws ReleaseGuardException {
        assertThat(StateIds.requireSafe("environment", id)).isEqualTo(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "../etc", "a/b", "a\\b", "a..b", ".hidden", "main net", "prod\n", "é"})
    void refusesAnythingThatCouldLeaveItsDirectory(String id) {
        assertThatThrownBy(() -> StateIds.requireSafe("environment", id))
                .isInstanceOfSatisfying(ReleaseGuardException.class, e -> assertThat(e.exitCode())
                        .isEqualTo(ExitCode.INVALID))
                .hasMessageStartingWith("environment id \"" + id + "\" is not allowed");
    }
}
