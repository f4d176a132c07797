package io.releaseguard.engine.health;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Decides fleet SHA convergence. The rule: a tenant agrees when its reported SHA equals the expected one, or one is a
 * prefix of the other and the shorter has at least 7 characters (short vs full SHA). Without a release to compare
 * with, the expected SHA is the one most tenants report (ties: the smallest), so a split fleet is still caught.
 */
public final class BuildInfo {
    static final int MIN_SHORT_SHA = 7;

    private BuildInfo() {}

    /** One tenant's answer: the SHA it reported, or empty when it could not be read. */
    public record Reported(String tenant, Optional<String> sha) {}

    /** The expected SHA and the tenants that disagree with it, in the order given. */
    public static BuildInfoReport compare(Optional<String> release, List<Reported> reports) {
        String expected = release.map(BuildInfo::expectedSha).orElseGet(() -> majority(reports));
        List<BuildInfoReport.Mismatch> mismatches = reports.stream()
                .filter(r -> r.sha().isEmpty() || !agrees(expected, r.sha().get()))
                .map(r -> new BuildInfoReport.Mismatch(r.tenant(), r.sha()))
                .toList();
        return new BuildInfoReport(expected, mismatches);
    }

    private static final java.util.regex.Pattern SHA_TAG =
            java.util.regex.Pattern.compile("(?i)^sha-([0-9a-f]{7,40})$");

    /** The commit a release names: image tags {@code sha-<hex>} name their commit; other releases are compared as is. */
    public static String expectedSha(String release) {
        java.util.regex.Matcher m = SHA_TAG.matcher(release.strip());
        return m.matches() ? m.group(1) : release;
    }

    /** True when {@code reported} names the same commit as {@code expected}. */
    public static boolean agrees(String expected, String reported) {
        String a = expected.strip().toLowerCase(java.util.Locale.ROOT);
        String b = reported.strip().toLowerCase(java.util.Locale.ROOT);
        if (a.equals(b)) {
            return true;
        }
        String shorter = a.length() < b.length() ? a : b;
        String longer = shorter == a ? b : a;
        return shorter.length() >= MIN_SHORT_SHA && longer.startsWith(shorter);
    }

    /** The SHA at {@code pointer} in a build-info body, or a message saying why there is none. */
    static Optional<String> read(byte[] body, String pointer) {
        return JsonDocuments.parse(body)
                .map(doc -> doc.at(JsonPointer.compile(pointer)))
                .filter(node -> node.isValueNode() && !node.isNull())
                .map(JsonNode::asText);
    }

    private static String majority(List<Reported> reports) {
        Map<String, Long> counts = reports.stream()
                .flatMap(r -> r.sha().stream())
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        return counts.entrySet().stream()
                .min(Comparator.<Map.Entry<String, Long>>comparingLong(e -> -e.getValue())
                        .thenComparing(Map.Entry::getKey))
                .map(Map.Entry::getKey)
                .orElse("");
    }
}
