package io.releaseguard.engine.config.yaml;

import java.util.List;
import java.util.Map;

/**
 * A YAML value that remembers where it was written, so that every configuration problem can be reported with
 * file, line and column. Only the four shapes a policy file needs exist: mappings, sequences, scalars and null.
 */
public sealed interface Node permits Node.MapNode, Node.ListNode, Node.ScalarNode, Node.NullNode {
    Location location();

    /** Human name of the shape, used in "expected a mapping, found a list" messages. */
    String kind();

    /** One key of a mapping with the location of the key itself (unknown-key errors point at the key). */
    record Entry(String key, Location keyLocation, Node value) {}

    /** A mapping; entries keep the order they were written in. */
    record MapNode(Location location, Map<String, Entry> entries) implements Node {
        public MapNode {
            entries = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(entries));
        }

        @Override
        public String kind() {
            return "a mapping";
        }
    }

    /** A sequence. */
    record ListNode(Location location, List<Node> items) implements Node {
        public ListNode {
            items = List.copyOf(items);
        }

        @Override
        public String kind() {
            return "a list";
        }
    }

    /**
     * A scalar with its exact source text (so {@code 14:00} stays a time of day and never becomes a YAML 1.1
     * sexagesimal number) and whether it was quoted or typed as a number or boolean by the parser.
     */
    record ScalarNode(Location location, String text, ScalarType type) implements Node {
        @Override
        public String kind() {
            return switch (type) {
                case NUMBER -> "a number";
                case BOOLEAN -> "a boolean";
                case STRING -> "a string";
            };
        }
    }

    /** An explicit {@code null}, {@code ~} or an empty value. */
    record NullNode(Location location) implements Node {
        @Override
        public String kind() {
            return "null";
        }
    }

    /** How the parser typed a scalar. */
    enum ScalarType {
        STRING,
        NUMBER,
        BOOLEAN
    }
}
