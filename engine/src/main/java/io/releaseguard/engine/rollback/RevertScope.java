package io.releaseguard.engine.rollback;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides which files of a promotion a git-revert rollback may undo. The rule: the implicated services are the
 * failing one (when named) or every service whose {@code paths} match a changed file; exactly one implicated service
 * with at least one changed file of its own, none of them also owned by another service, is reverted; anything else
 * (no service, several services, a shared file) is ambiguous and goes to manual triage with the evidence.
 */
public final class RevertScope {
    private RevertScope() {}

    /** The outcome: the service and its files, or why a human must decide. */
    public record Decision(Optional<String> service, List<String> files, List<String> evidence) {
        public Decision {
            files = List.copyOf(files);
            evidence = List.copyOf(evidence);
        }

        public boolean revert() {
            return service.isPresent();
        }
    }

    /**
     * @param changed paths the promotion changed (first parent → merge), sorted
     * @param owners service name → path globs, in policy order
     * @param failing the service whose guard check failed, when known
     */
    public static Decision decide(List<String> changed, Map<String, List<String>> owners, Optional<String> failing) {
        Map<String, List<String>> byService = new LinkedHashMap<>();
        List<String> unowned = new ArrayList<>();
        for (String path : changed) {
            List<String> claimants = owners.entrySet().stream()
                    .filter(e -> PathGlob.any(e.getValue(), path))
                    .map(Map.Entry::getKey)
                    .toList();
            claimants.forEach(
                    s -> byService.computeIfAbsent(s, k -> new ArrayList<>()).add(path));
            if (claimants.isEmpty()) {
                unowned.add(path);
            }
        }
        List<String> evidence = new ArrayList<>();
        byService.forEach((s, files) -> evidence.add(s + " changed " + files.size() + " file(s): " + files));
        if (!unowned.isEmpty()) {
            evidence.add("owned by no service (kept): " + unowned);
        }
        List<String> implicated = failing.map(List::of).orElse(List.copyOf(byService.keySet()));
        if (implicated.size() != 1) {
            evidence.add(
                    0,
                    "AMBIGUOUS: " + implicated.size() + " services changed in the promotion " + implicated
                            + "; the failing service cannot be told apart (name it, or triage by hand)");
            return new Decision(Optional.empty(), List.of(), evidence);
        }
        String service = implicated.get(0);
        List<String> files = byService.getOrDefault(service, List.of());
        if (files.isEmpty()) {
            evidence.add(
                    0,
                    "NOT_IMPLICATED: the promotion changed no file of " + service + " (paths "
                            + owners.getOrDefault(service, List.of()) + "); the failure has another cause");
            return new Decision(Optional.empty(), List.of(), evidence);
        }
        List<String> shared = new ArrayList<>();
        for (String path : files) {
            owners.forEach((other, globs) -> {
                if (!other.equals(service) && PathGlob.any(globs, path)) {
                    shared.add(path + " (also " + other + ")");
                }
            });
        }
        if (!shared.isEmpty()) {
            evidence.add(
                    0, "SHARED_PATHS: reverting " + service + " would also undo another service's changes: " + shared);
            return new Decision(Optional.empty(), List.of(), evidence);
        }
        return new Decision(Optional.of(service), files, evidence);
    }
}
