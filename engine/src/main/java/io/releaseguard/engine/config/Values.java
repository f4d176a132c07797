package io.releaseguard.engine.config;

import io.releaseguard.engine.config.yaml.Node;
import io.releaseguard.engine.identity.UserIds;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/** Converts located scalars into values, reporting a problem (never throwing) when a value does not fit. */
final class Values {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern TIME_OF_DAY = Pattern.compile("([01]\\d|2[0-3]):([0-5]\\d)");

    private Values() {}

    static Optional<String> scalar(Node node, String path, Problems problems) {
        if (node instanceof Node.ScalarNode s) {
            return Optional.of(s.text());
        }
        problems.add(node.location(), path, "expected a value, found " + node.kind());
        return Optional.empty();
    }

    static Optional<String> checkName(String value, Node node, String path, Problems problems) {
        if (NAME.matcher(value).matches() && !value.contains("..")) {
            return Optional.of(value);
        }
        problems.add(
                node.location(),
                path,
                quote(value) + " is not a valid name (letters, digits, '.', '_' and '-'; starting with a letter or"
                        + " digit)");
        return Optional.empty();
    }

    static <T> Optional<T> parsed(
            Node node, String path, Problems problems, Function<String, T> parse, String expected) {
        return scalar(node, path, problems).flatMap(text -> {
            try {
                return Optional.of(parse.apply(text));
            } catch (RuntimeException e) {
                problems.add(node.location(), path, quote(text) + " is not " + expected);
                return Optional.empty();
            }
        });
    }

    /** A list of user ids (group members, approvers), each in canonical form. */
    static java.util.List<String> userList(Node value, String path, Problems problems) {
        if (value instanceof Node.ListNode l) {
            java.util.List<String> out = new java.util.ArrayList<>();
            for (int i = 0; i < l.items().size(); i++) {
                Node item = l.items().get(i);
                String itemPath = path + "[" + i + "]";
                scalar(item, itemPath, problems)
                        .flatMap(s -> userId(s, item, itemPath, problems))
                        .ifPresent(out::add);
            }
            return java.util.List.copyOf(out);
        }
        problems.add(value.location(), path, "expected a list of user ids, found " + value.kind());
        return java.util.List.of();
    }

    /** {@code value} as a user id in its canonical form ({@link UserIds}), or a problem. */
    static Optional<String> userId(String value, Node node, String path, Problems problems) {
        Optional<String> problem = UserIds.problem(value);
        if (problem.isPresent()) {
            problems.add(node.location(), path, "user id " + UserIds.quote(value) + " " + problem.get());
            return Optional.empty();
        }
        return Optional.of(UserIds.key(value));
    }

    static Optional<Boolean> bool(Node node, String path, Problems problems) {
        if (node instanceof Node.ScalarNode s && s.type() == Node.ScalarType.BOOLEAN) {
            return Optional.of(Boolean.parseBoolean(s.text().toLowerCase(java.util.Locale.ROOT)));
        }
        problems.add(node.location(), path, describe(node) + " is not a boolean (true or false)");
        return Optional.empty();
    }

    static Optional<Integer> integer(Node node, String path, Problems problems, int min, int max) {
        if (node instanceof Node.ScalarNode s && s.type() == Node.ScalarType.NUMBER) {
            try {
                int v = Integer.parseInt(s.text());
                if (v < min || v > max) {
                    problems.add(node.location(), path, v + " is out of range (" + min + ".." + max + ")");
                    return Optional.empty();
                }
                return Optional.of(v);
            } catch (NumberFormatException e) {
                // fall through to the shared message
            }
        }
        problems.add(node.location(), path, describe(node) + " is not a whole number");
        return Optional.empty();
    }

    static Optional<Double> number(Node node, String path, Problems problems) {
        if (node instanceof Node.ScalarNode s && s.type() == Node.ScalarType.NUMBER) {
            return Optional.of(Double.parseDouble(s.text()));
        }
        problems.add(node.location(), path, describe(node) + " is not a number");
        return Optional.empty();
    }

    static Optional<Duration> duration(Node node, String path, Problems problems) {
        return scalar(node, path, problems).flatMap(text -> {
            try {
                return Optional.of(Durations.parse(text));
            } catch (IllegalArgumentException e) {
                problems.add(node.location(), path, e.getMessage());
                return Optional.empty();
            }
        });
    }

    static Optional<LocalTime> timeOfDay(Node node, String path, Problems problems) {
        return scalar(node, path, problems).flatMap(text -> {
            var m = TIME_OF_DAY.matcher(text);
            if (!m.matches()) {
                problems.add(node.location(), path, quote(text) + " is not a time of day (HH:MM)");
                return Optional.empty();
            }
            return Optional.of(LocalTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))));
        });
    }

    static String describe(Node node) {
        return node instanceof Node.ScalarNode s ? quote(s.text()) : node.kind();
    }

    static String quote(String text) {
        return "\"" + text + "\"";
    }
}
