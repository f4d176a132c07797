package io.releaseguard.engine.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonBodyTemplateTest {
    private static final Map<String, String> VALUES = Map.of("release", "v1", "tenant", "t\"1\\\n{release}");

    @Test
    void valuesAreEncodedInsideTheirStringsKeysIncludedAndNeverExpandedTwice() {
        String body = JsonBodyTemplate.fill(
                "{\"tag\": \"{release}\", \"{tenant}\": [\"a-{tenant}-b\", 2, true, null, {\"n\": \"{unknown}\"}]}",
                VALUES);

        assertThat(body)
                .isEqualTo("{\"tag\":\"v1\",\"t\\\"1\\\\\\n{release}\":[\"a-t\\\"1\\\\\\n{release}-b\",2,true,null,"
                        + "{\"n\":\"{unknown}\"}]}");
    }

    @Test
    void numbersAreSentAsWritten() {
        assertThat(JsonBodyTemplate.fill("{\"w\": 1.50, \"big\": 12345678901234567890}", VALUES))
                .isEqualTo("{\"w\":1.50,\"big\":12345678901234567890}");
    }

    @Test
    void aTemplateThatIsNotOneJsonDocumentIsAPolicyProblem() {
        assertThat(JsonBodyTemplate.problem("{\"target_tag\": {release}}")).isPresent();
        assertThat(JsonBodyTemplate.problem("target_tag={release}")).isPresent();
        assertThat(JsonBodyTemplate.problem("{\"a\": 1} {\"b\": 2}")).isPresent();
        assertThat(JsonBodyTemplate.problem("{\"a\": \"{release}\", \"a\": \"evil\"}"))
                .isPresent();
        assertThat(JsonBodyTemplate.problem("{\"target_tag\": \"{release}\"}")).isEmpty();
    }
}
