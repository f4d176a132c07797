package io.releaseguard.engine.config.yaml;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads YAML text into a {@link Node} tree that keeps every value's location. Jackson's streaming YAML parser does
 * the YAML; this class only records positions. Duplicate keys are syntax errors: in a release policy a silently
 * overridden key is a silently disabled guardrail.
 */
public final class YamlTreeReader {
    private static final YAMLFactory FACTORY = YAMLFactory.builder().build();

    private YamlTreeReader() {}

    /** Thrown for text that is not well-formed YAML; carries the location the parser stopped at. */
    public static final class YamlSyntaxException extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient Location location;

        public YamlSyntaxException(Location location, String message) {
            super(message);
            this.location = location;
        }

        public Location location() {
            return location;
        }
    }

    /** A parsed document and the recoverable problems found while reading it (duplicate keys). */
    public record Document(Node root, List<YamlSyntaxException> problems) {}

    /**
     * Parses {@code text}; an empty document yields a {@link Node.NullNode}. Duplicate keys are reported in {@link
     * Document#problems()} (the first definition is kept) so that they are listed with every other problem.
     */
    public static Document read(String text) throws YamlSyntaxException {
        List<YamlSyntaxException> problems = new ArrayList<>();
        return new Document(readRoot(text, problems), List.copyOf(problems));
    }

    private static Node readRoot(String text, List<YamlSyntaxException> problems) throws YamlSyntaxException {
        try (JsonParser parser = FACTORY.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return new Node.NullNode(Location.START);
            }
            Node root = readValue(parser, problems);
            if (parser.nextToken() != null) {
                throw new YamlSyntaxException(
                        location(parser.currentTokenLocation()), "only one YAML document is allowed per file");
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            throw new YamlSyntaxException(
                    loc == null ? Location.START : location(loc), "invalid YAML: " + oneLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new YamlSyntaxException(Location.START, "invalid YAML: " + e.getMessage());
        }
    }

    private static Node readValue(JsonParser parser, List<YamlSyntaxException> problems)
            throws IOException, YamlSyntaxException {
        JsonToken token = parser.currentToken();
        Location at = location(parser.currentTokenLocation());
        return switch (token) {
            case START_OBJECT -> readMap(parser, at, problems);
            case START_ARRAY -> readList(parser, at, problems);
            case VALUE_NULL -> new Node.NullNode(at);
            case VALUE_TRUE, VALUE_FALSE -> new Node.ScalarNode(at, parser.getText(), Node.ScalarType.BOOLEAN);
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> new Node.ScalarNode(
                    at, parser.getText(), Node.ScalarType.NUMBER);
            case VALUE_STRING -> new Node.ScalarNode(at, parser.getText(), Node.ScalarType.STRING);
            case VALUE_EMBEDDED_OBJECT -> new Node.ScalarNode(at, parser.getText(), Node.ScalarType.STRING);
            default -> throw new YamlSyntaxException(at, "unexpected YAML token " + token);
        };
    }

    private static Node readMap(JsonParser parser, Location at, List<YamlSyntaxException> problems)
            throws IOException, YamlSyntaxException {
        Map<String, Node.Entry> entries = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            Location keyAt = location(parser.currentTokenLocation());
            parser.nextToken();
            Node value = readValue(parser, problems);
            Node.Entry first = entries.get(key);
            if (first != null) {
                problems.add(new YamlSyntaxException(
                        keyAt,
                        "duplicate key '" + key + "' (first defined at line "
                                + first.keyLocation().line() + ")"));
            } else {
                entries.put(key, new Node.Entry(key, keyAt, value));
            }
        }
        return new Node.MapNode(at, entries);
    }

    private static Node readList(JsonParser parser, Location at, List<YamlSyntaxException> problems)
            throws IOException, YamlSyntaxException {
        List<Node> items = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            items.add(readValue(parser, problems));
        }
        return new Node.ListNode(at, items);
    }

    /** SnakeYAML explains with several lines and a caret drawing; keep the sentences, on one line. */
    static String oneLine(String message) {
        return message.lines()
                .map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("in 'reader'") && !l.matches("\\^+"))
                .filter(l -> !l.startsWith("^"))
                .reduce((a, b) -> a + "; " + b)
                .orElse(message.strip());
    }

    private static Location location(JsonLocation loc) {
        return new Location(Math.max(1, loc.getLineNr()), Math.max(1, loc.getColumnNr()));
    }
}
