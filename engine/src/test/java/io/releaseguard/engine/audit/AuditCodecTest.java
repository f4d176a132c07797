package io.releaseguard.engine.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditCodecTest {
    private static final Instant AT = Instant.parse("2026-11-22T10:00:00.250Z");

    @Test
    void theCanonicalFormHasAFixedFieldOrderSortedDetailsAndNoWhitespace() {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("zeta", "last");
        details.put("alpha", "first");
        AuditEntry entry =
                new AuditEntry("alice", "promote", null, "rel-1", "OPEN", "say \"hi\"\\\n\t\u0001é😀", details);

        assertThat(AuditCodec.canonical(3, AT, entry, AuditRecord.GENESIS_HASH))
                .isEqualTo("{\"seq\":3,\"at\":\"2026-11-22T10:00:00.250Z\",\"actor\":\"alice\",\"action\":\"promote\","
                        + "\"environment\":null,\"subject\":\"rel-1\",\"verdict\":\"OPEN\","
                        + "\"reason\":\"say \\\"hi\\\"\\\\\\n\\t\\u0001é😀\","
                        + "\"details\":{\"alpha\":\"first\",\"zeta\":\"last\"},\"prevHash\":\"" + "0".repeat(64)
                        + "\"}");
    }

    @Test
    void theHashIsTheSha256OfTheCanonicalFormAndTheLineRoundTrips() throws Exception {
        AuditEntry entry =
                new AuditEntry("bob", "approve", "mainnet", "promo-1", "APPROVE", "looks good", Map.of("k", "v"));
        AuditRecord record = AuditCodec.seal(1, AT, entry, AuditRecord.GENESIS_HASH);

        assertThat(record.hash())
                .isEqualTo(AuditCodec.hash(AuditCodec.canonical(1, AT, entry, AuditRecord.GENESIS_HASH)))
                .hasSize(64)
                .matches("[0-9a-f]{64}");
        assertThat(AuditCodec.hash("")).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        byte[] line = AuditCodec.line(record);
        assertThat(new String(line, StandardCharsets.UTF_8))
                .endsWith(",\"hash\":\"" + record.hash() + "\"}\n")
                .doesNotContain("\": ");
        assertThat(AuditCodec.parse(line, 0, line.length - 1)).isEqualTo(record);
    }

    @Test
    void unpairedSurrogatesSurviveTheRoundTrip() throws Exception {
        AuditEntry entry = new AuditEntry("a", "b", "c", "d\uD800x", "e", "\uDC00", Map.of());
        AuditRecord record = AuditCodec.seal(1, AT, entry, AuditRecord.GENESIS_HASH);
        byte[] line = AuditCodec.line(record);

        AuditRecord parsed = AuditCodec.parse(line, 0, line.length - 1);

        assertThat(parsed).isEqualTo(record);
        assertThat(AuditCodec.expectedHash(parsed)).isEqualTo(record.hash());
    }

    @Test
    void aLineWithAMissingOrUnknownFieldDoesNotParse() {
        byte[] missing = "{\"seq\":1}".getBytes(StandardCharsets.UTF_8);
        byte[] unknown = "{\"seq\":1,\"extra\":\"x\"}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> AuditCodec.parse(missing, 0, missing.length)).hasMessage("a field is missing");
        assertThatThrownBy(() -> AuditCodec.parse(unknown, 0, unknown.length)).hasMessage("unknown field \"extra\"");
    }
}
