package io.releaseguard.engine.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a train tag's commit came from: the branch a plain track cut, the tag a promotion came from (with the soak
 * that allowed it and the hotfixes verified to be contained), or the tag a patch sits on. Written into the annotated
 * tag as {@code key: value} lines, so {@code git tag -n} shows it without release-guard.
 */
public record Provenance(
        Optional<String> branch,
        Optional<String> promotedFrom,
        Optional<String> basedOn,
        List<String> hotfixesContained,
        Optional<SoakDecision> soak) {
    public Provenance {
        hotfixesContained = List.copyOf(hotfixesContained);
    }

    /** A plain track's tag of the tip of {@code branch}. */
    public static Provenance branch(String branch) {
        return new Provenance(Optional.of(branch), Optional.empty(), Optional.empty(), List.of(), Optional.empty());
    }

    /** A promotion of {@code fromTag}. */
    public static Provenance promoted(String fromTag, List<String> hotfixes, SoakDecision soak) {
        return new Provenance(Optional.empty(), Optional.of(fromTag), Optional.empty(), hotfixes, Optional.of(soak));
    }

    /** A patch on top of {@code baseTag}. */
    public static Provenance patch(String baseTag) {
        return new Provenance(Optional.empty(), Optional.empty(), Optional.of(baseTag), List.of(), Optional.empty());
    }

    /** The tag-message fields, in a fixed order. */
    public Map<String, String> fields() {
        Map<String, String> fields = new LinkedHashMap<>();
        branch.ifPresent(b -> fields.put("branch", b));
        promotedFrom.ifPresent(f -> fields.put("promoted-from", f));
        basedOn.ifPresent(b -> fields.put("based-on", b));
        if (!hotfixesContained.isEmpty()) {
            fields.put("contains-hotfixes", String.join(", ", hotfixesContained));
        }
        return fields;
    }

    /** A parenthesised note for messages: " (promoted from v0.5.0-dev.3)", or empty text. */
    public String describe() {
        return promotedFrom.map(f -> " (promoted from " + f + ")").orElse("")
                + basedOn.map(b -> " (patch on " + b + ")").orElse("");
    }
}
