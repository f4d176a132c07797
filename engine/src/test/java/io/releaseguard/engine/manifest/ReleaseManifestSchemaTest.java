package io.releaseguard.engine.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import io.releaseguard.engine.JsonReports;
import io.releaseguard.engine.audit.AuditAnchor;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The published manifest schema matches the records field for field, and what the writer writes validates. */
public class ReleaseManifestSchemaTest {
    private static final Instant T = Instant.parse("2026-11-22T10:00:00Z");
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    @TempDir
    Path tmp;

    public static ReleaseManifest sample() {
        return new ReleaseManifest(
                ReleaseManifest.SCHEMA_VERSION,
                "v0.5.0-dev.3",
                "mainnet",
                "0123456789abcdef0123456789abcdef01234567",
                "SUCCEEDED",
                T,
                T.plusSeconds(600),
                List.of(new ReleaseManifest.Artifact("ghcr.io/acme/api", "v0.5.0-dev.3", "sha256:" + "a".repeat(64))),
                List.of(
                        new ReleaseManifest.ServiceRun("api", 0, T, T.plusSeconds(200), "PASS", null),
                        new ReleaseManifest.ServiceRun("web", 1, T.plusSeconds(200), null, "RUNNING", null)),
                List.of(new ReleaseManifest.Approval(
                        "alice", T.minusSeconds(60), "APPROVED", "lgtm", new AuditAnchor(7, "c".repeat(64)))),
                List.of(new ReleaseManifest.GateDecision("window", "OPEN", "inside Mon 09:00-17:30", T)),
                List.of(new ReleaseManifest.Override("bob", T, List.of("freezes"), "security fix")),
                List.of(new ReleaseManifest.SnapshotRef("api", "20261122T100000Z-0123abcd", T)),
                List.of(),
                List.of(new ReleaseManifest.Checkpoint(T.plusSeconds(1800), "PENDING")),
                List.of(
                        new ReleaseManifest.ImageRetag(
                                "api",
                                "registry.example.org/acme/api",
                                "v0.5.0-dev.3",
                                "sha256:" + "b".repeat(64),
                                "application/vnd.oci.image.index.v1+json",
                                List.of("mainnet", "mainnet-20261122-100500"),
                                "RETAGGED",
                                T.plusSeconds(605),
                                null),
                        new ReleaseManifest.ImageRetag(
                                "web",
                                "registry.example.org/acme/web",
                                "v0.5.0-dev.3",
                                null,
                                null,
                                List.of("mainnet", "mainnet-20261122-100500"),
                                "FAILED",
                                T.plusSeconds(606),
                                "image registry.example.org/acme/web:v0.5.0-dev.3 not found in the registry")),
                new AuditAnchor(12, "d".repeat(64)));
    }

    /** The published manifest schema, for tests that validate what a promotion wrote. */
    public static JsonSchema schema() throws Exception {
        try (InputStream in = ReleaseManifestSchemaTest.class.getResourceAsStream(ReleaseManifests.SCHEMA_RESOURCE)) {
            return FACTORY.getSchema(JsonReports.MAPPER.readTree(in));
        }
    }

    @Test
    void theWrittenManifestValidatesAndARollbackIsAppended() throws Exception {
        ReleaseManifests manifests = new ReleaseManifests(tmp);
        Path file = manifests.write(sample());
        assertThat(file).endsWith(Path.of("manifests/mainnet/v0.5.0-dev.3/release-manifest.json"));
        assertThat(schema().validate(JsonReports.MAPPER.readTree(Files.readString(file))))
                .isEmpty();

        var rollback = new ReleaseManifest.RollbackRef("api", "GIT", "REVERTED", T.plusSeconds(900), "PR #42");
        assertThat(manifests.recordRollback("mainnet", "v0.5.0-dev.3", rollback))
                .isTrue();
        assertThat(manifests.recordRollback("mainnet", "v9", rollback)).isFalse();
        JsonNode updated = JsonReports.MAPPER.readTree(Files.readString(file));
        assertThat(schema().validate(updated)).isEmpty();
        assertThat(updated.at("/rollbacks/0/detail").asText()).isEqualTo("PR #42");
        assertThat(manifests.read("mainnet", "v0.5.0-dev.3").orElseThrow().rollbacks())
                .containsExactly(rollback);
    }

    @Test
    void aVersion1ManifestReadsWithoutImagesAndARetriedRetagRewritesItInTheCurrentVersion() throws Exception {
        ReleaseManifests manifests = new ReleaseManifests(tmp);
        Path file = manifests.write(sample());
        ObjectNode v1 = (ObjectNode) JsonReports.MAPPER.readTree(Files.readString(file));
        v1.put("schemaVersion", 1);
        v1.remove("images");
        Files.writeString(file, JsonReports.write(v1));
        assertThat(manifests.read("mainnet", "v0.5.0-dev.3").orElseThrow().images())
                .isEmpty();

        ReleaseManifest.ImageRetag retried = sample().images().get(0);
        assertThat(manifests.recordImages("mainnet", "v0.5.0-dev.3", List.of(retried), "SUCCEEDED"))
                .contains(file);
        assertThat(manifests.recordImages("mainnet", "v9", List.of(retried), "SUCCEEDED"))
                .isEmpty();

        JsonNode updated = JsonReports.MAPPER.readTree(Files.readString(file));
        assertThat(schema().validate(updated)).isEmpty();
        assertThat(updated.path("schemaVersion").asInt()).isEqualTo(ReleaseManifest.SCHEMA_VERSION);
        assertThat(updated.path("verdict").asText()).isEqualTo("SUCCEEDED");
        assertThat(manifests.read("mainnet", "v0.5.0-dev.3").orElseThrow().images())
                .containsExactly(retried);
    }

    @Test
    void theSchemaRejectsMissingAndUnknownFields() throws Exception {
        ObjectNode node = (ObjectNode) JsonReports.MAPPER.valueToTree(sample());
        node.remove("sourceCommit");
        node.put("extra", 1);
        assertThat(schema().validate(node)).hasSize(2);
    }

    @Test
    void schemaIsValidAndNamesExactlyTheRecordFields() throws Exception {
        JsonNode node;
        try (InputStream in = getClass().getResourceAsStream(ReleaseManifests.SCHEMA_RESOURCE)) {
            node = JsonReports.MAPPER.readTree(in);
        }
        JsonSchema meta = FACTORY.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        assertThat(meta.validate(node)).isEmpty();
        assertThat(fields(node.path("properties"))).isEqualTo(components(ReleaseManifest.class));
        Map<String, Class<?>> defs = Map.of(
                "artifact", ReleaseManifest.Artifact.class,
                "serviceRun", ReleaseManifest.ServiceRun.class,
                "approval", ReleaseManifest.Approval.class,
                "gateDecision", ReleaseManifest.GateDecision.class,
                "override", ReleaseManifest.Override.class,
                "snapshotRef", ReleaseManifest.SnapshotRef.class,
                "rollbackRef", ReleaseManifest.RollbackRef.class,
                "checkpoint", ReleaseManifest.Checkpoint.class,
                "imageRetag", ReleaseManifest.ImageRetag.class,
                "auditAnchor", AuditAnchor.class);
        defs.forEach(
                (def, type) -> assertThat(fields(node.path("$defs").path(def).path("properties")))
                        .as(def)
                        .isEqualTo(components(type)));
    }

    private static TreeSet<String> fields(JsonNode properties) {
        TreeSet<String> names = new TreeSet<>();
        properties.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static TreeSet<String> components(Class<?> record) {
        return new TreeSet<>(Arrays.stream(record.getRecordComponents())
                .map(RecordComponent::getName)
                .toList());
    }
}
