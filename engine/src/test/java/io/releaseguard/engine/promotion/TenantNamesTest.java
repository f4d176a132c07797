package io.releaseguard.engine.promotion;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseguard.engine.config.ConfigLoader;
import io.releaseguard.engine.config.ReleaseGuardConfig;
import io.releaseguard.engine.health.HttpHealthProbe;
import io.releaseguard.engine.promotion.PromotionResult.Outcome;
import io.releaseguard.engine.state.FileStateStore;
import io.releaseguard.engine.testing.MutableClock;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tenant names come from a control plane's {@code tenantsUrl}, not from the reviewed policy: each is held to the
 * release-name rule before the promotion's first deploy, and a list with one bad entry is refused whole.
 */
class TenantNamesTest {
    @TempDir
    Path tmp;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T15:00:00Z"));

    @ParameterizedTest
    @ValueSource(strings = {"x\",\"target_tag\":\"evil-9.9", "eu/1", "eu 1", "eu\u00001", "--help", "-rf", ".hidden"})
    void aHostileTenantNameBlocksThePromotionBeforeAnythingIsDeployed(String hostile) throws Exception {
        try (LoopbackFleet world = new LoopbackFleet(List.of("t00", hostile, "t02"), "sha-0000001");
                HttpHealthProbe probe = new HttpHealthProbe()) {
            ReleaseGuardConfig config = ConfigLoader.parse(world.policy(), "policy.yaml", tmp);
            FileStateStore state = new FileStateStore(tmp.resolve("state"), clock);
            Promoter promoter = new Promoter(TestPromotions.context(
                    config,
                    state,
                    tmp.resolve("state"),
                    clock,
                    probe,
                    Map::of,
                    clock::advance,
                    Optional.empty(),
                    line -> {}));

            PromotionResult r = promoter.promote(
                    new PromoteRequest("sha-abc1234", "testnet", "zoe", "tag:sha-abc1234", Optional.empty(), false));

            assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.BLOCKED);
            assertThat(r.exitCode().code()).isEqualTo(2);
            assertThat(r.message())
                    .contains("TENANTS:")
                    .contains("ledger")
                    .contains("entry 2")
                    .contains("is not a valid tenant name")
                    .contains("nothing was deployed");
            assertThat(world.deployRequests.get())
                    .as("not even the plain service before the fleet")
                    .isZero();
            assertThat(world.versions.get("api")).isEqualTo("sha-0000001");
        }
    }
}
