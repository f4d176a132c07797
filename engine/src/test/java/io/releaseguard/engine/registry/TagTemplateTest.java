package io.releaseguard.engine.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releaseguard.engine.ReleaseGuardException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TagTemplateTest {
    private static final Instant LIVE = Instant.parse("2026-11-24T15:04:05.987Z");

    @Test
    void theDefaultsAreTheEnvironmentAndTheEnvironmentWithTheUtcTimestamp() throws Exception {
        List<String> tags = new ArrayList<>();
        for (TagTemplate t : TagTemplate.DEFAULTS) {
            tags.add(t.expand("mainnet", "sha-abc1234", LIVE));
        }
        assertThat(tags).containsExactly("mainnet", "mainnet-20261124-150405");
    }

    @Test
    void releasePlusBecomesUnderscoreBecauseTagsCannotHoldIt() throws Exception {
        assertThat(new TagTemplate("{environment}-{release}").expand("testnet", "1.4.0+build.7", LIVE))
                .isEqualTo("testnet-1.4.0_build.7");
        assertThat(OciNames.releaseTag("1.4.0+build.7")).isEqualTo("1.4.0_build.7");
    }

    @Test
    void problemsNameTheTemplateAndWhatIsWrong() {
        assertThat(TagTemplate.problem("mainnet-{timestamp}", "mainnet")).isEmpty();
        assertThat(TagTemplate.problem("_{release}.{environment}", "mainnet")).isEmpty();
        assertThat(TagTemplate.problem("{env}-live", "mainnet"))
                .contains("\"{env}-live\" has an unknown placeholder {env} (known: {environment}, {release},"
                        + " {timestamp})");
        assertThat(TagTemplate.problem("main net", "mainnet"))
                .contains("\"main net\" is not a valid image tag (" + OciNames.TAG_RULE + ")");
        assertThat(TagTemplate.problem(".{environment}", "mainnet"))
                .contains("\".{environment}\" makes tags like \".mainnet\", which are not valid image tags ("
                        + OciNames.TAG_RULE + ")");
        assertThat(TagTemplate.problem("{timestamp}-" + "x".repeat(113), "e")).isPresent();
        assertThat(TagTemplate.problem("{timestamp}-" + "x".repeat(112), "e")).isEmpty();
    }

    @Test
    void aReleaseThatMakesTheTagTooLongFailsAtExpansionNamingTheTag() {
        String release = "r" + "0".repeat(120);
        assertThatThrownBy(() -> new TagTemplate("{environment}-{release}").expand("mainnet", release, LIVE))
                .isInstanceOf(ReleaseGuardException.class)
                .hasMessageStartingWith("retag template \"{environment}-{release}\" makes \"mainnet-r000")
                .hasMessageContaining("for release " + release + ", which is not a valid image tag");
    }

    @Test
    void repositoryNamesFollowTheDistributionGrammar() {
        assertThat(List.of("team/api", "api", "a.b/c_d/e__f/g--h", "library/nginx"))
                .allMatch(OciNames::isRepository);
        assertThat(List.of("Team/api", "team/api:latest", "team//api", "/api", "api/", "team/-api", "a___b"))
                .noneMatch(OciNames::isRepository);
        assertThat(OciNames.isRepository("a/" + "b".repeat(253))).isTrue();
        assertThat(OciNames.isRepository("a/" + "b".repeat(254))).isFalse();
    }
}
