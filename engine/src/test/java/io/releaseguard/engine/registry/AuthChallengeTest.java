package io.releaseguard.engine.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthChallengeTest {
    @Test
    void aBearerChallengeKeepsQuotedCommasInsideItsScope() {
        assertThat(AuthChallenge.parse(List.of("Bearer realm=\"https://auth.docker.io/token\","
                        + "service=\"registry.docker.io\",scope=\"repository:library/nginx:pull,push\"")))
                .containsExactly(new AuthChallenge(
                        "bearer",
                        Map.of(
                                "realm", "https://auth.docker.io/token",
                                "service", "registry.docker.io",
                                "scope", "repository:library/nginx:pull,push")));
    }

    @Test
    void schemesAndNamesAreCaseInsensitiveAndSeveralChallengesMayShareAHeader() {
        assertThat(AuthChallenge.parse(List.of("BASIC Realm=\"a \\\"quoted\\\" realm\", bearer realm=x, Scope=y")))
                .containsExactly(
                        new AuthChallenge("basic", Map.of("realm", "a \"quoted\" realm")),
                        new AuthChallenge("bearer", Map.of("realm", "x", "scope", "y")));
        assertThat(AuthChallenge.parse(List.of("Basic realm=\"r\"", "Bearer realm=\"t\"")))
                .extracting(AuthChallenge::scheme)
                .containsExactly("basic", "bearer");
    }

    @Test
    void garbageNeverThrows() {
        for (String header : List.of("", ",,,", "=", "\"", "Bearer realm=\"unterminated", "Bearer =x,=,\"\"")) {
            assertThat(AuthChallenge.parse(List.of(header))).as(header).isNotNull();
        }
        assertThat(AuthChallenge.parse(List.of("Bearer realm=\"unterminated")))
                .containsExactly(new AuthChallenge("bearer", Map.of("realm", "unterminated")));
    }
}
