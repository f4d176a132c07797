package io.releaseguard.engine.config;

import io.releaseguard.engine.config.yaml.Location;
import io.releaseguard.engine.config.yaml.Node;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads one YAML mapping of the policy file. Every accessor records the key as known and reports a located problem
 * instead of throwing, then returns empty so that reading continues; {@link #finish()} reports the keys nobody asked
 * for as unknown, with a "did you mean" where a known key is close.
 */
public final class MapReader {
    private final Node.MapNode map;
    private final String path;
    private final String schemaPath;
    private final Problems problems;
    private final Set<String> asked = new LinkedHashSet<>();

    MapReader(Node.MapNode map, String path, String schemaPath, Problems problems) {
        this.map = map;
        this.path = path;
        this.schemaPath = schemaPath;
        this.problems = problems;
    }

    /** A reader over {@code node} when it is a mapping; otherwise reports "expected a mapping" and returns empty. */
    public static Optional<MapReader> of(Node node, String path, Problems problems) {
        return of(node, path, Problems.pattern(path), problems);
    }

    static Optional<MapReader> of(Node node, String path, String schemaPath, Problems problems) {
        if (node instanceof Node.MapNode m) {
            return Optional.of(new MapReader(m, path, schemaPath, problems));
        }
        problems.add(node.location(), path, "expected a mapping, found " + node.kind());
        return Optional.empty();
    }

    public String path() {
        return path;
    }

    public Location location() {
        return map.location();
    }

    public Problems problems() {
        return problems;
    }

    /** The path of {@code key} under this mapping, as shown in messages. */
    public String pathOf(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /**
     * The schema path pattern of {@code key} under this mapping. Derived from this mapping's own pattern, not from
     * {@link #pathOf}, so that keys below a user-chosen key ({@code targets.mainnet.ssh}) land on the pattern
     * ({@code targets[].ssh}) and not on the user's spelling.
     */
    String schemaPathOf(String key) {
        return schemaPath.isEmpty() ? key : schemaPath + "." + key;
    }

    /** The raw node under {@code key}, or empty when absent or null. */
    public Optional<Node> node(String key) {
        asked.add(key);
        problems.knownKey(schemaPath, key);
        Node.Entry entry = map.entries().get(key);
        if (entry == null || entry.value() instanceof Node.NullNode) {
            return Optional.empty();
        }
        return Optional.of(entry.value());
    }

    public boolean has(String key) {
        return node(key).isPresent();
    }

    /** Reports that a required key is missing, at the mapping's own location. */
    public void missing(String key) {
        problems.add(map.location(), pathOf(key), "is required");
    }

    /** Reports a problem with the value under {@code key}. */
    public void error(String key, String message) {
        Location at = node(key).map(Node::location).orElse(map.location());
        problems.add(at, pathOf(key), message);
    }

    public Optional<String> string(String key) {
        return node(key).flatMap(n -> Values.scalar(n, pathOf(key), problems));
    }

    public Optional<String> requiredString(String key) {
        Optional<String> value = string(key);
        if (!has(key)) {
            missing(key);
        }
        return value;
    }

    /** A string that must be a plain identifier-like name: letters, digits, {@code . _ -}. */
    public Optional<String> name(String key, boolean required) {
        Optional<String> value = required ? requiredString(key) : string(key);
        return value.flatMap(v -> Values.checkName(v, node(key).orElseThrow(), pathOf(key), problems));
    }

    public <T> Optional<T> value(String key, Function<String, T> parse, String expected) {
        return node(key).flatMap(n -> Values.parsed(n, pathOf(key), problems, parse, expected));
    }

    public boolean bool(String key, boolean defaultValue) {
        return node(key).flatMap(n -> Values.bool(n, pathOf(key), problems)).orElse(defaultValue);
    }

    public Optional<Integer> integer(String key, int min, int max) {
        return node(key).flatMap(n -> Values.integer(n, pathOf(key), problems, min, max));
    }

    public Optional<Double> number(String key) {
        return node(key).flatMap(n -> Values.number(n, pathOf(key), problems));
    }

    public Optional<Duration> duration(String key) {
        return node(key).flatMap(n -> Values.duration(n, pathOf(key), problems));
    }

    public Optional<ZoneId> zone(String key) {
        return value(key, ZoneId::of, "a time zone (IANA name such as Europe/Berlin, or UTC)");
    }

    public Optional<LocalTime> timeOfDay(String key) {
        return node(key).flatMap(n -> Values.timeOfDay(n, pathOf(key), problems));
    }

    /** A list of strings; a single scalar is accepted as a one-element list. */
    public List<String> strings(String key) {
        return list(key, (n, p) -> Values.scalar(n, p, problems));
    }

    /** A list whose elements are read by {@code element}; elements that failed to read are dropped. */
    public <T> List<T> list(String key, ElementReader<T> element) {
        Optional<Node> node = node(key);
        if (node.isEmpty()) {
            return List.of();
        }
        List<Node> items;
        if (node.get() instanceof Node.ListNode list) {
            items = list.items();
        } else if (node.get() instanceof Node.ScalarNode) {
            items = List.of(node.get());
        } else {
            problems.add(
                    node.get().location(),
                    pathOf(key),
                    "expected a list, found " + node.get().kind());
            return List.of();
        }
        List<T> result = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            element.read(items.get(i), pathOf(key) + "[" + i + "]").ifPresent(result::add);
        }
        return Collections.unmodifiableList(result);
    }

    /** A list of mappings, each read by {@code element}. */
    public <T> List<T> objects(String key, Function<MapReader, Optional<T>> element) {
        return list(key, (n, p) -> of(n, p, schemaPathOf(key) + "[]", problems).flatMap(r -> r.read(element)));
    }

    /** A nested mapping read by {@code reader}. */
    public <T> Optional<T> object(String key, Function<MapReader, Optional<T>> reader) {
        return node(key)
                .flatMap(n -> of(n, pathOf(key), schemaPathOf(key), problems))
                .flatMap(r -> r.read(reader));
    }

    /** A mapping with user-chosen keys (environment or track names); values read by {@code value}. */
    public <T> Map<String, T> entries(String key, EntryReader<T> value) {
        Map<String, T> result = new LinkedHashMap<>();
        node(key).flatMap(n -> of(n, pathOf(key), schemaPathOf(key), problems)).ifPresent(r -> {
            for (Node.Entry e : r.map.entries().values()) {
                String childPath = r.pathOf(e.key());
                value.read(e.key(), e.keyLocation(), e.value(), childPath, r.schemaPath + "[]")
                        .ifPresent(v -> result.put(e.key(), v));
            }
            r.asked.addAll(r.map.entries().keySet());
        });
        return Collections.unmodifiableMap(result);
    }

    /** A mapping from user-chosen keys to strings (headers, endpoints). */
    public Map<String, String> stringMap(String key) {
        return entries(key, (k, kl, v, p, sp) -> Values.scalar(v, p, problems));
    }

    /** Runs {@code reader} over this mapping and then reports unknown keys. */
    public <T> Optional<T> read(Function<MapReader, Optional<T>> reader) {
        Optional<T> result = reader.apply(this);
        finish();
        return result;
    }

    /** Reports every key that no accessor asked for. */
    public void finish() {
        for (Node.Entry e : map.entries().values()) {
            if (!asked.contains(e.key())) {
                String suggestion = DidYouMean.closest(e.key(), asked)
                        .map(s -> "; did you mean '" + s + "'?")
                        .orElse("");
                problems.add(e.keyLocation(), pathOf(e.key()), "unknown key" + suggestion);
            }
        }
    }

    /** Reads one list element at {@code path}. */
    @FunctionalInterface
    public interface ElementReader<T> {
        Optional<T> read(Node node, String path);
    }

    /** Reads one value of a mapping with user-chosen keys. */
    @FunctionalInterface
    public interface EntryReader<T> {
        Optional<T> read(String key, Location keyLocation, Node value, String path, String schemaPath);
    }

    /** A reader for a nested mapping whose schema path is a pattern (for user-chosen keys). */
    static Optional<MapReader> nested(Node node, String path, String schemaPath, Problems problems) {
        return of(node, path, schemaPath, problems);
    }

    static Optional<ZoneId> parseZone(String text) {
        try {
            return Optional.of(ZoneId.of(text));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}
