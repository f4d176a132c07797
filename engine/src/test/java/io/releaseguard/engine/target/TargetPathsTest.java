package io.releaseguard.engine.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TargetPathsTest {
    @ParameterizedTest
    @ValueSource(strings = {"../x", "a/../../x", "/etc/passwd", "a//b", "./a", "a/", "a\\..\\b", "a/\u0000b", ""})
    void refusesPathsThatCouldLeaveTheTarget(String path) {
        assertThatThrownBy(() -> TargetPaths.requireInside(path)).hasMessageContaining("is refused");
    }

    @Test
    void acceptsPlainRelativePathsAndListsTheirComponents() throws Exception {
        assertThat(TargetPaths.requireInside("deploy/.env")).isEqualTo("deploy/.env");
        assertThat(TargetPaths.prefixes("a/b/c")).containsExactly("a", "a/b", "a/b/c");
    }

    @Test
    void sshArgumentsAreQuotedForTheRemoteShell() {
        assertThat(SshTarget.shellQuote("it's $(rm -rf /)")).isEqualTo("'it'\\''s $(rm -rf /)'");
    }
}
