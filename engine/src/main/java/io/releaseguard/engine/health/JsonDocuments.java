package io.releaseguard.engine.health;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Optional;

/**
 * Reads a response body into a JSON tree with the streaming parser alone. An {@code ObjectMapper} would build the
 * same tree but costs a short-lived CLI run a noticeable share of its CPU to set up; the tree is the same kind
 * ({@code IntNode}, {@code LongNode}, {@code BigIntegerNode} or {@code DoubleNode} for numbers, later keys winning
 * over earlier duplicates). Anything after the document but whitespace makes the body not JSON.
 */
final class JsonDocuments {
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonDocuments() {}

    /** The document, or empty when the text is not exactly one JSON value. */
    static Optional<JsonNode> parse(String text) {
        try (JsonParser p = FACTORY.createParser(text)) {
            return document(p);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The document in a body (UTF-8, or the UTF-16/32 that RFC 8259 detection finds), or empty. */
    static Optional<JsonNode> parse(byte[] body) {
        try (JsonParser p = FACTORY.createParser(body)) {
            return document(p);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<JsonNode> document(JsonParser p) throws IOException {
        JsonToken first = p.nextToken();
        if (first == null) {
            return Optional.empty();
        }
        JsonNode doc = value(p, first);
        return p.nextToken() == null ? Optional.of(doc) : Optional.empty();
    }

    private static JsonNode value(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case START_OBJECT -> {
                ObjectNode o = NODES.objectNode();
                for (JsonToken k = p.nextToken(); k == JsonToken.FIELD_NAME; k = p.nextToken()) {
                    String name = p.currentName();
                    o.set(name, value(p, p.nextToken()));
                }
                return o;
            }
            case START_ARRAY -> {
                ArrayNode a = NODES.arrayNode();
                for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
                    a.add(value(p, e));
                }
                return a;
            }
            case VALUE_STRING -> {
                return NODES.textNode(p.getText());
            }
            case VALUE_NUMBER_INT -> {
                return switch (p.getNumberType()) {
                    case INT -> NODES.numberNode(p.getIntValue());
                    case LONG -> NODES.numberNode(p.getLongValue());
                    default -> NODES.numberNode(p.getBigIntegerValue());
                };
            }
            case VALUE_NUMBER_FLOAT -> {
                return NODES.numberNode(p.getDoubleValue());
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return NODES.booleanNode(t == JsonToken.VALUE_TRUE);
            }
            case VALUE_NULL -> {
                return NODES.nullNode();
            }
            default -> throw new IOException("unexpected " + t);
        }
    }
}
