package io.releaseguard.engine.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandTemplateTest {
    @TempDir
    Path tmp;

    @Test
    void splitsOnceAndSubstitutesIntoArguments() throws Exception {
        CommandTemplate t = CommandTemplate.parse("deploy/rollout.sh --name '{service} svc' \"{release}\"");
        assertThat(t.argv(Map.of("service", "api", "release", "sha-1")))
                .containsExactly("deploy/rollout.sh", "--name", "api svc", "sha-1");
    }

    @Test
    void aHostileValueStaysOneArgumentEvenThroughARealShell() throws Exception {
        Path marker = tmp.resolve("pwned");
        String hostile = "x'; touch " + marker + "; echo '$(id)`id`";
        CommandTemplate t = CommandTemplate.parse("printf %s {release}");
        String line = t.shellLine(Map.of("release", hostile));
        Process p = new ProcessBuilder(List.of("sh", "-c", line))
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).isZero();
        assertThat(out).isEqualTo(hostile);
        assertThat(marker).doesNotExist();
    }

    @Test
    void unclosedQuoteAndEmptyCommandsAreInvalid() {
        assertThatThrownBy(() -> CommandTemplate.parse("deploy 'x")).hasMessageContaining("unclosed '");
        assertThatThrownBy(() -> CommandTemplate.parse("   ")).hasMessage("deploy command is empty");
    }

    @Test
    void aValueThatWouldBeReadAsAnOptionIsRefusedBeforeTheEndOfOptions() throws Exception {
        CommandTemplate t = CommandTemplate.parse("deploy.sh --env {environment} {tenant}");

        assertThatThrownBy(() -> t.argv(Map.of("environment", "testnet", "tenant", "-rf")))
                .hasMessageStartingWith("LEADING_DASH: deploy command 'deploy.sh --env {environment} {tenant}':"
                        + " argument \"-rf\" (from {tenant}) starts with '-'");
        assertThatThrownBy(() -> t.shellLine(Map.of("environment", "--help", "tenant", "t1")))
                .hasMessageContaining("argument \"--help\" (from {environment})");
    }

    @Test
    void afterADoubleDashAValueMayStartWithADashAndTheTemplatesOwnOptionsAreFine() throws Exception {
        CommandTemplate t = CommandTemplate.parse("deploy.sh --tag={release} -- {tenant}");

        assertThat(t.argv(Map.of("release", "v1", "tenant", "-rf")))
                .containsExactly("deploy.sh", "--tag=v1", "--", "-rf");
    }
}
