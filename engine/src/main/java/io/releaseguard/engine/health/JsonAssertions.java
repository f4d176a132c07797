package io.releaseguard.engine.health;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import io.releaseguard.engine.config.HealthCheckSpec.JsonAssertion;
import java.util.Collection;
import java.util.Optional;

/**
 * Decides one JSON assertion against a document. The rule: the value at the pointer must exist (unless {@code exists:
 * false} says it must not), equal {@code equals} as text (with {@code ${release}} substituted), and lie within
 * {@code min}/{@code max} as a number. The answer is empty when it holds, else the observed-vs-expected message.
 */
final class JsonAssertions {
    static final String RELEASE = "${release}";

    private JsonAssertions() {}

    static Optional<String> check(JsonAssertion a, JsonNode doc, Optional<String> release, Collection<String> secrets) {
        JsonNode node = doc.at(JsonPointer.compile(a.pointer()));
        String at = a.pointer().isEmpty() ? "(document)" : a.pointer();
        boolean present = !node.isMissingNode();
        if (a.exists().isPresent() && a.exists().get() != present) {
            return Optional.of(
                    present
                            ? at + " = " + shown(node, secrets) + ", expected it to be absent"
                            : at + " is missing, expected it to exist");
        }
        if (!present) {
            if (a.exists().isPresent()) {
                return Optional.empty();
            }
            return Optional.of(at + " is missing, expected " + expectation(a, release));
        }
        if (a.equals().isPresent()) {
            String want = a.equals().get().replace(RELEASE, release.orElse(RELEASE));
            String got = node.isValueNode() ? node.asText() : node.toString();
            if (!got.equals(want)) {
                return Optional.of(
                        at + " = " + shown(node, secrets) + ", expected \"" + HealthAssessment.excerpt(want) + "\"");
            }
        }
        if (a.min().isPresent() || a.max().isPresent()) {
            if (!node.isNumber()) {
                return Optional.of(at + " = " + shown(node, secrets) + ", expected a number " + range(a));
            }
            double v = node.asDouble();
            if (a.min().isPresent() && v < a.min().get()
                    || a.max().isPresent() && v > a.max().get()) {
                return Optional.of(at + " = " + node.asText() + ", expected " + range(a));
            }
        }
        return Optional.empty();
    }

    private static String expectation(JsonAssertion a, Optional<String> release) {
        if (a.equals().isPresent()) {
            return "\"" + a.equals().get().replace(RELEASE, release.orElse(RELEASE)) + "\"";
        }
        return "a number " + range(a);
    }

    private static String range(JsonAssertion a) {
        if (a.min().isPresent() && a.max().isPresent()) {
            return "in [" + num(a.min().get()) + ", " + num(a.max().get()) + "]";
        }
        return a.min()
                .map(m -> "≥ " + num(m))
                .orElseGet(() -> "≤ " + num(a.max().get()));
    }

    private static String num(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d);
    }

    private static String shown(JsonNode node, Collection<String> secrets) {
        return HealthAssessment.excerpt(node.toString(), secrets);
    }
}
