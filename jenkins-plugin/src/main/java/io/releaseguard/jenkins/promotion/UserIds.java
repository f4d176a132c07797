package io.releaseguard.jenkins.promotion;

import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.ReleaseGuardException;
import java.util.Collection;
import java.util.List;
import java.util.function.BiPredicate;
import java.util.function.UnaryOperator;

/**
 * User ids as the security realm compares them ({@code IdStrategy#keyFor} and {@code IdStrategy#equals}), so that the
 * engine, which compares the strings it is given, compares users the way Jenkins does. The plugin hands the engine
 * the realm's key of every requester and author, and a deciding user as the policy's own spelling of the reviewer
 * the realm says they are (their key when they are no reviewer): under a case-insensitive realm {@code ALICE} is
 * {@code alice}, is barred from approving what {@code alice} requested, and counts as the reviewer {@code Alice}.
 * Jenkins's own identities ({@code SYSTEM}, {@code anonymous}, {@code unknown}) name no person and decide nothing.
 */
public record UserIds(UnaryOperator<String> keyFor, BiPredicate<String, String> same) {
    /** Jenkins's own identities; its {@code User.isIdOrFullnameAllowed} refuses them, ignoring case, as user ids. */
    private static final List<String> RESERVED = List.of(BuildOrigin.NO_USER, "anonymous", "unknown");

    /** The realm's key of {@code id}: equal keys are the same user. */
    public String key(String id) {
        return keyFor.apply(id.strip());
    }

    /** Whether {@code id} is one of Jenkins's own identities rather than a person's. */
    public static boolean isReserved(String id) {
        return RESERVED.stream().anyMatch(r -> r.equalsIgnoreCase(id.strip()));
    }

    /**
     * The id the engine records a decision by {@code id} under: the spelling in {@code reviewers} (the policy's, as
     * the engine lists them) of the reviewer the realm says {@code id} is, else the realm's key. Refused for Jenkins's
     * own identities, whatever the policy lists: a build no person requested is still approved by people.
     */
    public String decider(String id, Collection<String> reviewers) throws ReleaseGuardException {
        if (isReserved(id)) {
            throw new ReleaseGuardException(
                    ExitCode.BLOCKED,
                    "refused: " + id.strip()
                            + " is Jenkins's own identity, not a person, and cannot approve or reject");
        }
        return reviewers.stream()
                .filter(r -> same.test(r, id.strip()))
                .findFirst()
                .orElseGet(() -> key(id));
    }
}
