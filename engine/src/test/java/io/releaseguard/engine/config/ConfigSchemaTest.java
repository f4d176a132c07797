package io.releaseguard.engine.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The published JSON Schema is checked against the readers: the keys the readers ask for while reading the
 * kitchen-sink file {@code valid-all-keys.yaml} must be exactly the properties the schema declares, path by path, so
 * a key added on one side only fails here. Every valid golden file must also satisfy the schema.
 */
class ConfigSchemaTest {
    static final String RESOURCE = "/io/releaseguard/engine/config/release-guard.schema.json";
    private static final Path ALL_KEYS = ConfigGoldenTest.DIR.resolve("valid-all-keys.yaml");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    @Test
    void schemaDeclaresExactlyTheKeysTheReadersKnow() throws IOException {
        Problems problems = new Problems(ALL_KEYS.toString());
        assertThat(ConfigLoader.read(Files.readString(ALL_KEYS), ALL_KEYS.getParent(), problems))
                .isPresent();
        assertThat(problems.sorted())
                .as("the kitchen-sink file must load cleanly")
                .isEmpty();

        Map<String, Set<String>> readers = new TreeMap<>();
        problems.knownKeys().forEach((path, keys) -> readers.put(path, new TreeSet<>(keys)));
        Map<String, Set<String>> schema = SchemaKeys.of(schemaNode());

        List<String> mismatches = new ArrayList<>();
        diff(readers, schema, "read but not in the schema", mismatches);
        diff(schema, readers, "in the schema but never read", mismatches);
        assertThat(mismatches).isEmpty();
        assertThat(schema).isEqualTo(readers);
    }

    @Test
    void schemaIsAValidDraft202012Schema() throws IOException {
        JsonSchema meta = FACTORY.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        JsonNode node = schemaNode();
        assertThat(meta.validate(node)).isEmpty();
        assertThat(node.path("$id").asText()).isEqualTo("https://release-guard.io/schema/release-guard-1.json");
        assertThat(node.at("/properties/version/const").asInt()).isEqualTo(ReleaseGuardConfig.SCHEMA_VERSION);
    }

    @TestFactory
    Stream<DynamicTest> everyValidGoldenFileSatisfiesTheSchema() throws IOException {
        JsonSchema schema = schema();
        List<Path> files;
        try (Stream<Path> s = Files.list(ConfigGoldenTest.DIR)) {
            files = s.filter(p -> p.getFileName().toString().matches("valid-.*\\.yaml"))
                    .sorted()
                    .toList();
        }
        Path example = Path.of("src/main/resources/io/releaseguard/engine/examples/release-guard.yaml");
        return Stream.concat(files.stream(), Stream.of(example))
                .map(f -> DynamicTest.dynamicTest(
                        f.getFileName().toString(), () -> assertThat(schema.validate(YAML.readTree(f.toFile())))
                                .isEmpty()));
    }

    @Test
    void unknownKeyIsRejectedAtItsPath() throws IOException {
        assertThat(errors("environments: [{ name: mainnet, sok: 1h }]"))
                .anyMatch(m -> m.getInstanceLocation().toString().equals("$.environments[0]")
                        && m.getMessage().contains("sok"));
    }

    @Test
    void valueOutsideAClosedSetIsRejected() throws IOException {
        assertThat(errors(
                        "environments: [{ name: mainnet, windows: [{ days: [FUNDAY], from: '09:00', to: '17:00' }] }]"))
                .anyMatch(m -> m.getInstanceLocation().toString().startsWith("$.environments[0].windows[0].days"));
        assertThat(errors("environments: [{ name: mainnet }]\nemergency: { bypass: [approval] }"))
                .anyMatch(m -> m.getInstanceLocation().toString().startsWith("$.emergency.bypass"));
    }

    @Test
    void malformedDurationAndTimeAreRejected() throws IOException {
        for (String soak : List.of("two days", "48", "-1h", "1x", "P-1D", "P", "PT")) {
            assertThat(errors("environments: [{ name: mainnet, soak: '" + soak + "' }]"))
                    .as("soak %s", soak)
                    .anyMatch(m -> m.getInstanceLocation().toString().equals("$.environments[0].soak"));
        }
        assertThat(errors("environments: [{ name: mainnet, lockLease: 0s }]"))
                .anyMatch(m -> m.getInstanceLocation().toString().equals("$.environments[0].lockLease"));
        assertThat(errors("environments: [{ name: mainnet, windows: [{ days: MON, from: '9:00', to: '24:00' }] }]"))
                .anyMatch(m -> m.getInstanceLocation().toString().equals("$.environments[0].windows[0].from"))
                .anyMatch(m -> m.getInstanceLocation().toString().equals("$.environments[0].windows[0].to"));
    }

    @Test
    void exactlyOneRuleOrActionIsRequired() throws IOException {
        assertThat(errors("environments: [{ name: mainnet }]\n"
                        + "freezes: [{ name: x, yearly: { from: '12-20', to: '01-05' }, ics: a.ics }]"))
                .anyMatch(m -> m.getInstanceLocation().toString().equals("$.freezes[0]"));
        assertThat(errors("environments: [{ name: mainnet }]\n"
                        + "services: [{ name: api, deploy: { command: a, blueGreen: { start: b, switch: c } } }]"))
                .anyMatch(m -> m.getInstanceLocation().toString().equals("$.services[0].deploy"));
        assertThat(errors("environments: [{ name: mainnet }]\nversion: 2"))
                .anyMatch(m -> m.getInstanceLocation().toString().equals("$.version"));
    }

    @Test
    void registrySettingsAreCheckedByTheSchemaAsByTheReaders() throws IOException {
        String registry = "registry: { url: 'https://registry.example.org', username: ci, password: %s }\n";
        String ok =
                "environments: [{ name: e, retag: [e, 'e-{timestamp}'] }]\nservices: [{ name: s, image: team/api }]\n";
        assertThat(errors(ok + registry.formatted("'${env:REG_PASSWORD}'"))).isEmpty();
        assertThat(errors(ok + registry.formatted("hunter2")))
                .anyMatch(m -> m.getInstanceLocation().toString().equals("$.registry.password"));
        assertThat(errors("environments: [{ name: e, retag: ['e-{date}'] }]"))
                .anyMatch(m -> m.getInstanceLocation().toString().startsWith("$.environments[0].retag"));
        assertThat(errors("environments: [{ name: e }]\nservices: [{ name: s, image: 'Team/api:1' }]"))
                .anyMatch(m -> m.getInstanceLocation().toString().equals("$.services[0].image"));
        assertThat(errors(
                        "environments: [{ name: e }]\nregistry: { url: 'https://registry.example.org', username: ci }"))
                .anyMatch(m -> m.getInstanceLocation().toString().equals("$.registry"));
        for (String wrong : List.of(
                ok + registry.formatted("hunter2"),
                "environments: [{ name: e, retag: ['e-{date}'] }]\n" + registry.formatted("'${env:P}'"),
                "environments: [{ name: e }]\nservices: [{ name: s, image: 'Team/api:1' }]\n"
                        + registry.formatted("'${env:P}'"))) {
            Problems problems = new Problems("t.yaml");
            ConfigLoader.read("version: 1\n" + wrong, Path.of("."), problems);
            assertThat(problems.isEmpty()).as(wrong).isFalse();
        }
    }

    @Test
    void lenientFormsTheReadersAcceptAlsoSatisfyTheSchema() throws IOException {
        for (String yaml : List.of(
                "environments: [{ name: 2024, soak: pt5s, lockLease: 1h30m }]",
                "environments: [{ name: e, windows: [{ days: sat, from: '23:00', to: '01:00' }] }]",
                "environments: [{ name: e }]\ntrains: { line: 0.5 }",
                "environments: [{ name: e }]\nnotifications: { webhooks: [{ name: w, url: 'http://ab',"
                        + " format: Teams, events: [rolled_back, APPROVAL_REQUESTED, oncallRollback] }] }",
                "environments: [{ name: e }]\nservices: [{ name: s, fleet: { canary: 0 }, tenants: [{ name: t, url:"
                        + " 'https://t' }], health: [{ name: h, method: Post, body: x, maxBodyBytes: 1 mib,"
                        + " json: [{ pointer: '', equals: 200 }] }] }]",
                "environments: [{ name: e }]\nfreezes: [{ name: f, environments: e, yearly: { from: '02-29', to:"
                        + " '03-01' } }]")) {
            Problems problems = new Problems("t.yaml");
            assertThat(ConfigLoader.read("version: 1\n" + yaml, Path.of("."), problems))
                    .as(yaml)
                    .isPresent();
            assertThat(problems.sorted()).as(yaml).isEmpty();
            assertThat(errors(yaml)).as(yaml).isEmpty();
        }
    }

    @Test
    void wrongDocumentsAreAlsoRejectedByTheReaders() {
        // The negative schema cases above are real mistakes, not schema quirks: the readers refuse them too.
        for (String yaml : List.of(
                "version: 1\nenvironments: [{ name: mainnet, sok: 1h }]",
                "version: 1\nenvironments: [{ name: mainnet, soak: '1x' }]",
                "version: 1\nenvironments: [{ name: mainnet }]\nemergency: { bypass: [approval] }")) {
            Problems problems = new Problems("t.yaml");
            ConfigLoader.read(yaml, Path.of("."), problems);
            assertThat(problems.isEmpty()).as(yaml).isFalse();
        }
    }

    private static List<ValidationMessage> errors(String yaml) throws IOException {
        ObjectNode doc = (ObjectNode) YAML.readTree(yaml);
        if (!doc.has("version")) {
            doc.put("version", 1);
        }
        return new ArrayList<>(schema().validate(doc));
    }

    private static void diff(Map<String, Set<String>> a, Map<String, Set<String>> b, String label, List<String> out) {
        a.forEach((path, keys) -> {
            for (String key : keys) {
                if (!b.getOrDefault(path, Set.of()).contains(key)) {
                    out.add(label + ": " + (path.isEmpty() ? key : path + "." + key));
                }
            }
        });
    }

    private static JsonSchema schema() throws IOException {
        return FACTORY.getSchema(schemaNode());
    }

    static JsonNode schemaNode() throws IOException {
        try (InputStream in = ConfigSchemaTest.class.getResourceAsStream(RESOURCE)) {
            assertThat(in).as(RESOURCE).isNotNull();
            return JSON.readTree(in);
        }
    }

    /**
     * The object paths a JSON Schema declares, in the readers' pattern syntax: {@code a.b} for a property, {@code
     * a[]} for array items and for the values of a mapping with user-chosen keys ({@code additionalProperties}).
     * Branches of {@code oneOf}/{@code anyOf}/{@code allOf} add to the same path; assertions ({@code if},
     * {@code not}, {@code dependentSchemas}) declare nothing.
     */
    static final class SchemaKeys {
        private final JsonNode root;
        private final Map<String, Set<String>> keys = new TreeMap<>();

        private SchemaKeys(JsonNode root) {
            this.root = root;
        }

        static Map<String, Set<String>> of(JsonNode root) {
            SchemaKeys walker = new SchemaKeys(root);
            walker.walk(root, "");
            return walker.keys;
        }

        private void walk(JsonNode schema, String path) {
            if (schema.has("$ref")) {
                walk(resolve(schema.get("$ref").asText()), path);
            }
            JsonNode properties = schema.path("properties");
            for (Iterator<String> it = properties.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                keys.computeIfAbsent(path, p -> new TreeSet<>()).add(key);
                walk(properties.get(key), path.isEmpty() ? key : path + "." + key);
            }
            if (schema.path("items").isObject()) {
                walk(schema.get("items"), path + "[]");
            }
            if (schema.path("additionalProperties").isObject()) {
                walk(schema.get("additionalProperties"), path + "[]");
            }
            for (String combinator : List.of("oneOf", "anyOf", "allOf")) {
                schema.path(combinator).forEach(branch -> walk(branch, path));
            }
        }

        private JsonNode resolve(String ref) {
            assertThat(ref).as("only local references").startsWith("#/");
            JsonNode target = root.at(ref.substring(1));
            assertThat(target.isMissingNode()).as("reference %s", ref).isFalse();
            return target;
        }
    }
}
