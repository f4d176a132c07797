package io.releaseguard.engine.config.yaml;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads YAML text into a {@link Node} tree that keeps every value's location. Jackson's streaming YAML parser does
 * the YAML; this class only records positions. Duplicate keys are syntax errors: in a release policy a silently
 * overridden key is a silently disabled guardrail. Anchors and aliases are refused too: Jackson would hand an alias
 * ({@code reviewers: *leads}) over as the string {@code "leads"}, a user id nobody wrote.
 */
public final class YamlTreeReader {
    private static final EventYamlFactory FACTORY = new EventYamlFactory();

    private YamlTreeReader() {}

    /** Thrown for text that is not well-formed YAML; carries the location the parser stopped at. */
    public static final class YamlSyntaxException extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient Location location;
        private final String path;
        private final boolean valueMissing;

        public YamlSyntaxException(Location location, String message) {
            this(location, "", message, false);
        }

        /** {@code valueMissing}: the tree lacks the value written here (an alias), so it must not be validated. */
        public YamlSyntaxException(Location location, String path, String message, boolean valueMissing) {
            super(message);
            this.location = location;
            this.path = path;
            this.valueMissing = valueMissing;
        }

        public Location location() {
            return location;
        }

        /** The key path of the value concerned ({@code environments[0].soak}), empty when there is none. */
        public String path() {
            return path;
        }
    }

    /** A parsed document and the recoverable problems found while reading it (duplicate keys, anchors, aliases). */
    public record Document(Node root, List<YamlSyntaxException> problems) {
        /**
         * Whether the tree differs from the text beyond dropped duplicates: checking it would then report problems
         * the author did not make ("reviewers is required" where an alias stood), so only these problems are shown.
         */
        public boolean incomplete() {
            return problems.stream().anyMatch(p -> p.valueMissing);
        }
    }

    /**
     * Parses {@code text}; an empty document yields a {@link Node.NullNode}. Duplicate keys (the first definition is
     * kept), anchors and aliases are reported in {@link Document#problems()} so that they are listed with every other
     * problem.
     */
    public static Document read(String text) throws YamlSyntaxException {
        List<YamlSyntaxException> problems = new ArrayList<>();
        return new Document(readRoot(text, problems), List.copyOf(problems));
    }

    private static Node readRoot(String text, List<YamlSyntaxException> problems) throws YamlSyntaxException {
        try (EventYamlFactory.EventParser parser = (EventYamlFactory.EventParser) FACTORY.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return new Node.NullNode(Location.START);
            }
            Node root = readValue(parser, "", problems);
            if (parser.nextToken() != null) {
                throw new YamlSyntaxException(
                        location(parser.currentTokenLocation()), "only one YAML document is allowed per file");
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            String why = e.getOriginalMessage().contains("AliasEvent")
                    ? "YAML aliases are not supported, as keys neither"
                    : "invalid YAML: " + oneLine(e.getOriginalMessage());
            throw new YamlSyntaxException(loc == null ? Location.START : location(loc), why);
        } catch (IOException e) {
            throw new YamlSyntaxException(Location.START, "invalid YAML: " + e.getMessage());
        }
    }

    private static Node readValue(EventYamlFactory.EventParser parser, String path, List<YamlSyntaxException> problems)
            throws IOException, YamlSyntaxException {
        JsonToken token = parser.currentToken();
        Location at = location(parser.currentTokenLocation());
        if (refuseReference(parser, path, problems)) {
            // Never the alias's name as if it were a value: the value is left out, so nothing counts it.
            return new Node.NullNode(at);
        }
        return switch (token) {
            case START_OBJECT -> readMap(parser, at, path, problems);
            case START_ARRAY -> readList(parser, at, path, problems);
            case VALUE_NULL -> new Node.NullNode(at);
            case VALUE_TRUE, VALUE_FALSE -> new Node.ScalarNode(at, parser.getText(), Node.ScalarType.BOOLEAN);
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> new Node.ScalarNode(
                    at, parser.getText(), Node.ScalarType.NUMBER);
            case VALUE_STRING -> new Node.ScalarNode(at, parser.getText(), Node.ScalarType.STRING);
            case VALUE_EMBEDDED_OBJECT -> new Node.ScalarNode(at, parser.getText(), Node.ScalarType.STRING);
            default -> throw new YamlSyntaxException(at, "unexpected YAML token " + token);
        };
    }

    private static Node readMap(
            EventYamlFactory.EventParser parser, Location at, String path, List<YamlSyntaxException> problems)
            throws IOException, YamlSyntaxException {
        Map<String, Node.Entry> entries = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            Location keyAt = location(parser.currentTokenLocation());
            String keyPath = path.isEmpty() ? key : path + "." + key;
            refuseReference(parser, keyPath, problems); // an anchored key; an alias key fails in the parser
            parser.nextToken();
            Node value = readValue(parser, keyPath, problems);
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

    private static Node readList(
            EventYamlFactory.EventParser parser, Location at, String path, List<YamlSyntaxException> problems)
            throws IOException, YamlSyntaxException {
        List<Node> items = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            items.add(readValue(parser, path + "[" + items.size() + "]", problems));
        }
        return new Node.ListNode(at, items);
    }

    /**
     * Refuses the current token's anchor or alias. Resolving them would be possible, but a policy is read by people
     * approving changes to it, and a guardrail spelled out where it applies is one they can see.
     */
    private static boolean refuseReference(
            EventYamlFactory.EventParser parser, String path, List<YamlSyntaxException> problems) {
        Optional<EventYamlFactory.Reference> reference = parser.reference();
        reference.ifPresent(ref -> problems.add(new YamlSyntaxException(
                ref.at(),
                path,
                ref.alias()
                        ? "YAML aliases are not supported (*" + ref.name()
                                + "): write the value out instead of referring to an anchor"
                        : "YAML anchors are not supported (&" + ref.name() + "): write the value out where it is used",
                ref.alias())));
        return reference.filter(EventYamlFactory.Reference::alias).isPresent();
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
