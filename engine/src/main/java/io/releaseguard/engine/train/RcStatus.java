package io.releaseguard.engine.train;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a release candidate stands after an action: its status and commit, which approver group each approval was
 * counted for, the groups still missing, the final tag once promoted, and a one-line message for people.
 */
public record RcStatus(
        String candidate,
        String version,
        ReleaseCandidate.Status status,
        String commit,
        Map<String, String> satisfied,
        List<String> missing,
        List<String> abandoned,
        Optional<String> finalTag,
        String message) {
    public RcStatus {
        satisfied = Map.copyOf(satisfied);
        missing = List.copyOf(missing);
        abandoned = List.copyOf(abandoned);
    }
}
