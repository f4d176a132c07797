package io.releaseguard.engine.promotion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releaseguard.engine.config.ConfigLoader;
import io.releaseguard.engine.config.ReleaseGuardConfig;
import io.releaseguard.engine.health.HttpHealthProbe;
import io.releaseguard.engine.manifest.ReleaseManifests;
import io.releaseguard.engine.promotion.PromotionResult.Outcome;
import io.releaseguard.engine.registry.ImageRegistry;
import io.releaseguard.engine.registry.TagTemplate;
import io.releaseguard.engine.state.FileStateStore;
import io.releaseguard.engine.state.PromotionStatus;
import io.releaseguard.engine.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The retag step's place in the promotion journal: a process that dies in the middle of retagging leaves a
 * promotion that resumes without retagging what was done, with the tags it would have made, and without deploying
 * anything again; an environment with {@code retag: []} retags nothing.
 */
class PromoterRetagTest {
    @TempDir
    Path tmp;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T15:00:00Z"));
    private final RecordingRegistry registry = new RecordingRegistry();
    private LoopbackFleet world;
    private HttpHealthProbe probe;
    private FileStateStore state;

    /** Retags nothing for real; records each call and can die like a killed process in the middle of one. */
    static final class RecordingRegistry implements ImageRegistry {
        final List<String> calls = new CopyOnWriteArrayList<>();
        volatile String dieOn = "";
        volatile Runnable afterEachRetag = () -> {};

        @Override
        public String image(String repository) {
            return "registry.test/" + repository;
        }

        @Override
        public Retagged retag(String repository, String sourceTag, List<String> tags) {
            calls.add(repository + ":" + sourceTag + " -> " + String.join(",", tags));
            if (repository.equals(dieOn)) {
                throw new IllegalStateException("killed while retagging " + repository);
            }
            afterEachRetag.run();
            return new Retagged(
                    image(repository),
                    sourceTag,
                    "sha256:" + "c".repeat(64),
                    "application/vnd.oci.image.index.v1+json",
                    tags);
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        world = new LoopbackFleet(3, "sha-0000001");
        probe = new HttpHealthProbe();
        state = new FileStateStore(tmp.resolve("state"), clock);
    }

    @AfterEach
    void tearDown() {
        probe.close();
        world.close();
    }

    /** A promoter for the loopback world with images, a registry and, when given, testnet's {@code retag} list. */
    private Promoter promoter(Optional<String> retag) throws Exception {
        ReleaseGuardConfig config =
                ConfigLoader.parse(world.policyWithImages("team", "https://registry.test", retag), "policy.yaml", tmp);
        return TestPromotions.promoter(config, state, tmp.resolve("state"), clock, probe, line -> {}, registry);
    }

    private static PromoteRequest request(String release) {
        return new PromoteRequest(release, "testnet", "zoe", "tag:" + release, Optional.empty(), false);
    }

    @Test
    void aPromotionKilledWhileRetaggingResumesWithTheSameTagsAndRetagsOnlyWhatWasLeft() throws Exception {
        Promoter promoter = promoter(Optional.empty());
        registry.dieOn = "team/ledger";
        assertThatThrownBy(() -> promoter.promote(request("sha-1111111")))
                .hasMessage("killed while retagging team/ledger");
        String stamped = "testnet-" + TagTemplate.TIMESTAMP.format(clock.instant());
        assertThat(state.promotions(Optional.of("testnet"))).singleElement().satisfies(p -> assertThat(p.status())
                .isEqualTo(PromotionStatus.DEPLOYING));
        int deploys = world.deployRequests.get();

        clock.advance(Duration.ofMinutes(30));
        registry.dieOn = "";
        PromotionResult resumed = promoter(Optional.empty()).promote(request("sha-1111111"));

        assertThat(resumed.outcome()).as(resumed.message()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(registry.calls)
                .containsExactly(
                        "team/api:sha-1111111 -> testnet," + stamped,
                        "team/ledger:sha-1111111 -> testnet," + stamped,
                        "team/ledger:sha-1111111 -> testnet," + stamped);
        assertThat(world.deployRequests.get())
                .as("resuming deploys nothing again")
                .isEqualTo(deploys);
        assertThat(new ReleaseManifests(tmp.resolve("state"))
                        .read("testnet", "sha-1111111")
                        .orElseThrow()
                        .images())
                .extracting(i -> i.service() + " " + i.outcome() + " " + i.tags())
                .containsExactly(
                        "api RETAGGED [testnet, " + stamped + "]", "ledger RETAGGED [testnet, " + stamped + "]");
    }

    @Test
    void theKillSwitchIsReadBeforeEachRetagAndAHeldRetagIsFinishedOnceItIsReleased() throws Exception {
        ReleaseGuardConfig config = ConfigLoader.parse(
                world.policyWithImages("team", "https://registry.test", Optional.empty()), "policy.yaml", tmp);
        java.util.Map<String, String> env = new java.util.concurrent.ConcurrentHashMap<>();
        Promoter promoter = new Promoter(TestPromotions.context(
                config,
                state,
                tmp.resolve("state"),
                clock,
                probe,
                () -> java.util.Map.copyOf(env),
                clock::advance,
                Optional.empty(),
                line -> {},
                TestPromotions.httpDeployers(),
                Optional.of(registry)));
        registry.afterEachRetag = () -> env.put("KILL", "1");

        PromotionResult held = promoter.promote(request("sha-1111111"));

        assertThat(held.outcome()).as(held.message()).isEqualTo(Outcome.RETAG_FAILED);
        assertThat(held.message())
                .contains("ledger: held by the kill switch (environment variable KILL: set to \"1\" (engaged))")
                .contains("the release stays live");
        assertThat(registry.calls).singleElement().asString().startsWith("team/api:");
        assertThat(state.lastSuccessful("testnet")).map(d -> d.release()).contains("sha-1111111");

        env.put("KILL", "0");
        registry.afterEachRetag = () -> {};
        int deploys = world.deployRequests.get();
        PromotionResult finished = promoter.promote(request("sha-1111111"));

        assertThat(finished.outcome()).as(finished.message()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(registry.calls).hasSize(2).last().asString().startsWith("team/ledger:");
        assertThat(world.deployRequests.get()).as("nothing is deployed again").isEqualTo(deploys);
    }

    @Test
    void anEnvironmentWithAnEmptyRetagListRetagsNothing() throws Exception {
        PromotionResult r = promoter(Optional.of("[]")).promote(request("sha-1111111"));
        assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(registry.calls).isEmpty();
    }

    @Test
    void theConfiguredTagsAreMadeWithTheReleaseAndEnvironment() throws Exception {
        PromotionResult r =
                promoter(Optional.of("[\"{environment}-{release}\", live]")).promote(request("sha-2222222"));
        assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(registry.calls)
                .containsExactly(
                        "team/api:sha-2222222 -> testnet-sha-2222222,live",
                        "team/ledger:sha-2222222 -> testnet-sha-2222222,live");
    }
}
