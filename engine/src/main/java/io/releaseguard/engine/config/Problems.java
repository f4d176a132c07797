package io.releaseguard.engine.config;

import io.releaseguard.engine.config.yaml.Location;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Collects problems while a policy file is read, so that reading goes on after the first mistake and the user sees
 * all of them. It also records, per key path pattern, which keys the readers asked for: that set is the file's real
 * schema and is what the published JSON Schema is checked against.
 */
public final class Problems {
    private final String file;
    private final List<ConfigProblem> problems = new ArrayList<>();
    private final Map<String, Set<String>> knownKeys = new TreeMap<>();

    public Problems(String file) {
        this.file = file;
    }

    public String file() {
        return file;
    }

    public void add(Location at, String path, String message) {
        ConfigProblem problem = new ConfigProblem(file, at.line(), at.column(), path, message);
        if (!problems.contains(problem)) {
            problems.add(problem);
        }
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    /** Problems in file order (line, then column), as a user reads the file. */
    public List<ConfigProblem> sorted() {
        List<ConfigProblem> copy = new ArrayList<>(problems);
        copy.sort(Comparator.comparingInt(ConfigProblem::line).thenComparingInt(ConfigProblem::column));
        return copy;
    }

    void knownKey(String path, String key) {
        knownKeys.computeIfAbsent(pattern(path), p -> new LinkedHashSet<>()).add(key);
    }

    /** Keys asked for under each path pattern ({@code environments[].windows[]}); for schema checks. */
    public Map<String, Set<String>> knownKeys() {
        return knownKeys;
    }

    static String pattern(String path) {
        // Called for every key a reader asks for, mostly with a path that is a pattern already: no regex then.
        for (int i = path.indexOf('['); i >= 0; i = path.indexOf('[', i + 1)) {
            if (i + 1 >= path.length() || path.charAt(i + 1) != ']') {
                return INDEX.matcher(path).replaceAll("[]");
            }
        }
        return path;
    }

    private static final Pattern INDEX = Pattern.compile("\\[[^\\]]*]");
}
