package io.releaseguard.engine.promotion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.config.ConfigLoader;
import io.releaseguard.engine.config.ReleaseGuardConfig;
import io.releaseguard.engine.state.FileStateStore;
import io.releaseguard.engine.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the wiring refuses before a promotion may change anything. */
class PromotionWiringTest {
    @TempDir
    Path tmp;

    private ReleaseGuardConfig config() throws Exception {
        Path file = tmp.resolve("release-guard.yaml");
        Files.writeString(
                file,
                """
                version: 1
                environments:
                  - name: testnet
                services:
                  - name: api
                    endpoints: { testnet: "http://127.0.0.1:9/" }
                    health:
                      - { name: ready, path: /health, headers: { X-Probe: "${env:PROBE_KEY}" } }
                    deploy:
                      http:
                        url: "http://127.0.0.1:9/deploy"
                        headers: { Authorization: "token ${env:CP_TOKEN}" }
                """);
        return ConfigLoader.load(file);
    }

    private PromotionWiring wire(Map<String, String> env) throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
        Path state = tmp.resolve("state");
        return new PromotionWiring(config(), new FileStateStore(state, clock), state, clock, env, d -> {}, l -> {});
    }

    @Test
    void aResolvedHeaderValueWithALineBreakBlocksThePromotionNamingTheSettingNotTheValue() throws Exception {
        assertThatThrownBy(() -> wire(Map.of("CP_TOKEN", "S3cr3tValue\r\nX-Admin: yes", "PROBE_KEY", "k")))
                .isInstanceOfSatisfying(ReleaseGuardException.class, e -> assertThat(e.exitCode())
                        .isEqualTo(ExitCode.INVALID))
                .hasMessage("services.api.deploy.http.headers.Authorization: the value of CP_TOKEN has a character a"
                        + " header cannot carry (CR, LF, NUL or beyond Latin-1) at position 11; nothing was deployed");
        assertThatThrownBy(() -> wire(Map.of("CP_TOKEN", "fine", "PROBE_KEY", "k\u0000")))
                .hasMessageStartingWith("services.api.health.ready.headers.X-Probe: the value of PROBE_KEY has");
        try (Stream<Path> written = Files.exists(tmp.resolve("state/promotions"))
                ? Files.list(tmp.resolve("state/promotions"))
                : Stream.empty()) {
            assertThat(written).as("no promotion was recorded").isEmpty();
        }
    }
}
