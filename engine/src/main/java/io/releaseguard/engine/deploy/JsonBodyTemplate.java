package io.releaseguard.engine.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * A JSON request body from the policy ({@code deploy.http.body}) with {@code {release}}, {@code {service}},
 * {@code {environment}} and {@code {tenant}} inside its strings. The template is parsed as JSON and the values are
 * put into the parsed strings, then the document is written by a JSON encoder; so a value is always exactly one
 * string's content, and no value ({@code x","target_tag":"evil}) can add, change or close anything around it.
 * Placeholders therefore stand only inside JSON strings (keys included); the policy check refuses anything else.
 */
public final class JsonBodyTemplate {
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            // Numbers are sent as written (1.50 stays 1.50), never through a double.
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();

    private JsonBodyTemplate() {}

    /** Why {@code template} cannot be a body template, or empty when it can. */
    public static Optional<String> problem(String template) {
        try {
            MAPPER.readTree(template);
            return Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.of("is not a JSON document ("
                    + e.getOriginalMessage().lines().findFirst().orElse("")
                    + "); placeholders such as {release} stand inside JSON strings: '{\"target_tag\": \"{release}\"}'");
        }
    }

    /** The body: {@code template} with every {@code {name}} in its strings replaced by {@code values.get(name)}. */
    public static String fill(String template, Map<String, String> values) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(template);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("deploy body template is not JSON; the policy check refuses it", e);
        }
        try {
            return MAPPER.writeValueAsString(filled(tree, values));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    private static JsonNode filled(JsonNode node, Map<String, String> values) {
        if (node.isTextual()) {
            return TextNode.valueOf(substitute(node.textValue(), values));
        }
        if (node.isArray()) {
            ArrayNode out = MAPPER.createArrayNode();
            node.forEach(item -> out.add(filled(item, values)));
            return out;
        }
        if (node.isObject()) {
            ObjectNode out = MAPPER.createObjectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                out.set(substitute(field.getKey(), values), filled(field.getValue(), values));
            }
            return out;
        }
        return node;
    }

    private static String substitute(String text, Map<String, String> values) {
        if (text.indexOf('{') < 0) {
            return text;
        }
        // One left-to-right pass: a value that itself contains "{tenant}" is never expanded again.
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            int open = text.indexOf('{', i);
            int close = open < 0 ? -1 : text.indexOf('}', open);
            String value = close < 0 ? null : values.get(text.substring(open + 1, close));
            if (value == null) {
                int upTo = open < 0 ? text.length() : open + 1;
                out.append(text, i, upTo);
                i = upTo;
            } else {
                out.append(text, i, open).append(value);
                i = close + 1;
            }
        }
        return out.toString();
    }
}
