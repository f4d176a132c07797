package io.releaseguard.engine.promotion;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.releaseguard.engine.JsonReports;
import io.releaseguard.engine.config.ConfigLoader;
import io.releaseguard.engine.config.ReleaseGuardConfig;
import io.releaseguard.engine.health.HttpHealthProbe;
import io.releaseguard.engine.manifest.ReleaseManifest;
import io.releaseguard.engine.manifest.ReleaseManifestSchemaTest;
import io.releaseguard.engine.manifest.ReleaseManifests;
import io.releaseguard.engine.promotion.PromotionResult.Outcome;
import io.releaseguard.engine.registry.DistributionRegistry;
import io.releaseguard.engine.registry.TagTemplate;
import io.releaseguard.engine.state.Deployment;
import io.releaseguard.engine.state.FileStateStore;
import io.releaseguard.engine.testing.DockerRegistry;
import io.releaseguard.engine.testing.DockerRegistry.Kind;
import io.releaseguard.engine.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Promotions against loopback services and a real Docker registry: a healthy promotion retags every service's image
 * with the environment's tags, a rolled-back one retags nothing, and a retag that fails after a healthy rollout leaves
 * the release live, exits 4, notifies, and is finished by running the same promotion again.
 */
class PromotionRetagIT {
    private static final AtomicInteger TEAMS = new AtomicInteger();

    @TempDir
    static Path registryDir;

    private static DockerRegistry registry;

    @TempDir
    Path tmp;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T15:00:00Z"));
    private final List<String> progress = new CopyOnWriteArrayList<>();
    private final String team = "team" + TEAMS.incrementAndGet();
    private LoopbackFleet world;
    private HttpHealthProbe probe;
    private FileStateStore state;
    private Promoter promoter;

    @BeforeAll
    static void startRegistry() throws Exception {
        DockerRegistry.require();
        registry = DockerRegistry.start(registryDir, DockerRegistry.Auth.NONE);
    }

    @AfterAll
    static void stopRegistry() throws Exception {
        if (registry != null) {
            registry.close();
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        world = new LoopbackFleet(5, "sha-0000001");
        probe = new HttpHealthProbe();
        String policy = world.policyWithImages(team, registry.url(), Optional.empty())
                + "notifications:\n  webhooks:\n    - { name: ops, url: \"" + world.base()
                + "/hook\", format: json, events: [live, failed, rolledBack] }\n";
        ReleaseGuardConfig config = ConfigLoader.parse(policy, "policy.yaml", tmp);
        state = new FileStateStore(tmp.resolve("state"), clock);
        promoter = TestPromotions.promoter(
                config,
                state,
                tmp.resolve("state"),
                clock,
                probe,
                progress::add,
                new DistributionRegistry(config.registry().orElseThrow(), Map.of(), probe));
    }

    @AfterEach
    void tearDown() {
        probe.close();
        world.close();
    }

    private PromotionResult promote(String release) throws Exception {
        return promoter.promote(
                new PromoteRequest(release, "testnet", "zoe", "tag:" + release, Optional.empty(), false));
    }

    private String digestOf(String service, String tag) throws Exception {
        return registry.tag(team + "/" + service, tag)
                .map(DockerRegistry.Tagged::digest)
                .orElse("(no tag " + tag + ")");
    }

    private ReleaseManifest manifest(String release) throws Exception {
        return new ReleaseManifests(tmp.resolve("state"))
                .read("testnet", release)
                .orElseThrow();
    }

    @Test
    void aHealthyPromotionRetagsEveryImageAndRecordsTagsAndDigestsInTheManifest() throws Exception {
        String api = registry.push(team + "/api", "sha-1111111", Kind.OCI_INDEX, team + "api1");
        String ledger = registry.push(team + "/ledger", "sha-1111111", Kind.DOCKER_V2, team + "ledger1");

        PromotionResult r = promote("sha-1111111");

        assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.SUCCEEDED);
        String stamped = "testnet-" + TagTemplate.TIMESTAMP.format(clock.instant());
        for (String tag : List.of("testnet", stamped)) {
            assertThat(digestOf("api", tag)).as(tag).isEqualTo(api);
            assertThat(digestOf("ledger", tag)).as(tag).isEqualTo(ledger);
        }
        assertThat(manifest("sha-1111111").images())
                .extracting(
                        ReleaseManifest.ImageRetag::service,
                        ReleaseManifest.ImageRetag::digest,
                        ReleaseManifest.ImageRetag::tags,
                        ReleaseManifest.ImageRetag::outcome)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("api", api, List.of("testnet", stamped), "RETAGGED"),
                        org.assertj.core.groups.Tuple.tuple("ledger", ledger, List.of("testnet", stamped), "RETAGGED"));
        JsonNode written = JsonReports.MAPPER.readTree(
                Files.readString(Path.of(r.manifest().orElseThrow())));
        assertThat(ReleaseManifestSchemaTest.schema().validate(written)).isEmpty();
        assertThat(progress)
                .contains("api: retagged " + registry.host() + "/" + team + "/api:sha-1111111 (" + api + ") tagged"
                        + " testnet, " + stamped);
        assertThat(state.audit().read().records())
                .filteredOn(a -> a.action().equals("registry.retag"))
                .extracting(a -> a.verdict())
                .containsExactly("RETAGGED", "RETAGGED");
    }

    @Test
    void aRolledBackPromotionRetagsNothing() throws Exception {
        String good = registry.push(team + "/api", "sha-1111111", Kind.OCI_MANIFEST, team + "good");
        registry.push(team + "/ledger", "sha-1111111", Kind.OCI_MANIFEST, team + "ledger-good");
        assertThat(promote("sha-1111111").outcome()).isEqualTo(Outcome.SUCCEEDED);
        registry.push(team + "/api", "sha-2222222", Kind.OCI_MANIFEST, team + "broken");
        registry.push(team + "/ledger", "sha-2222222", Kind.OCI_MANIFEST, team + "ledger-broken");
        world.broken.add("sha-2222222");
        clock.advance(Duration.ofHours(1));

        PromotionResult r = promote("sha-2222222");

        assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.ROLLED_BACK);
        assertThat(digestOf("api", "testnet"))
                .as("testnet still names the live release")
                .isEqualTo(good);
        assertThat(registry.tag(team + "/api", "testnet-" + TagTemplate.TIMESTAMP.format(clock.instant())))
                .isEmpty();
        assertThat(manifest("sha-2222222").images()).isEmpty();
        assertThat(progress).noneMatch(line -> line.contains("retagged") && line.contains("sha-2222222"));
    }

    @Test
    void aFailedRetagLeavesTheReleaseLiveExits4NotifiesAndTheSameCommandFinishesIt() throws Exception {
        String api = registry.push(team + "/api", "sha-3333333", Kind.OCI_MANIFEST, team + "api3");

        PromotionResult r = promote("sha-3333333");

        assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.RETAG_FAILED);
        assertThat(r.exitCode().code()).isEqualTo(4);
        String missing = registry.host() + "/" + team + "/ledger:sha-3333333";
        assertThat(r.message())
                .isEqualTo("sha-3333333 is live in testnet, but retagging its images failed: ledger: image " + missing
                        + " not found in the registry (MANIFEST_UNKNOWN: manifest unknown)"
                        + "\nthe release stays live; run the same promote command again to retry the retag");
        assertThat(state.lastSuccessful("testnet").map(Deployment::release)).contains("sha-3333333");
        assertThat(world.versions.values()).containsOnly("sha-3333333");
        String stamped = "testnet-" + TagTemplate.TIMESTAMP.format(clock.instant());
        assertThat(digestOf("api", stamped)).isEqualTo(api);
        assertThat(manifest("sha-3333333").verdict()).isEqualTo("RETAG_FAILED");
        assertThat(world.hooks)
                .extracting(
                        h -> h.path("event").asText() + ": " + h.path("title").asText())
                .containsExactly(
                        "LIVE: sha-3333333 is live on testnet",
                        "FAILED: sha-3333333 is live on testnet, but retagging its images failed");

        int deploys = world.deployRequests.get();
        clock.advance(Duration.ofHours(2));
        String ledger = registry.push(team + "/ledger", "sha-3333333", Kind.OCI_MANIFEST, team + "ledger3");
        PromotionResult again = promote("sha-3333333");

        assertThat(again.outcome()).as(again.message()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(again.message()).isEqualTo("sha-3333333 is live in testnet; its images are retagged now");
        assertThat(world.deployRequests.get()).as("nothing is deployed again").isEqualTo(deploys);
        assertThat(digestOf("ledger", "testnet")).isEqualTo(ledger);
        assertThat(digestOf("ledger", stamped))
                .as("the timestamp is when the services were healthy, not when the retag was retried")
                .isEqualTo(ledger);
        ReleaseManifest m = manifest("sha-3333333");
        assertThat(m.verdict()).isEqualTo("SUCCEEDED");
        assertThat(m.images()).allMatch(ReleaseManifest.ImageRetag::retagged);
        assertThat(promote("sha-3333333").message())
                .contains("is already live in testnet")
                .contains("nothing to do");
    }
}
