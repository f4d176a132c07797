package io.releaseguard.engine.approval;

import io.releaseguard.engine.identity.UserIds;
import io.releaseguard.engine.state.PendingPromotion;
import io.releaseguard.engine.state.ReleaseAuthor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Who may not approve a promotion when self-approval is prevented: its requester and the release's recorded authors.
 * User ids are compared in canonical form ({@link UserIds#key}); an author bars a user id equal to the name it was recorded with or, for
 * git identities, to its email or the email's local part (before the last {@code @}). Git knows names and emails,
 * not user ids, so the comparison errs towards barring.
 */
public record Barred(String requester, List<ReleaseAuthor> authors) {

    public Barred {
        authors = List.copyOf(authors);
    }

    /** The promotion's requester and recorded authors. */
    public static Barred of(PendingPromotion p) {
        return new Barred(p.requestedBy(), p.authors());
    }

    /** Why {@code user} may not approve ({@code requested this promotion}, {@code authored the release (...)}). */
    public Optional<String> why(String user) {
        List<String> parts = new ArrayList<>();
        if (UserIds.same(user, requester)) {
            parts.add("requested this promotion");
        }
        List<String> wrote = authors.stream()
                .filter(a -> matches(a, user))
                .map(a -> a.source() == ReleaseAuthor.Source.REQUEST ? "named in the request" : a.describe())
                .distinct()
                .toList();
        if (!wrote.isEmpty()) {
            parts.add("authored the release (" + String.join(", ", wrote) + ")");
        }
        return parts.isEmpty() ? Optional.empty() : Optional.of(String.join(" and ", parts));
    }

    static boolean matches(ReleaseAuthor author, String user) {
        if (user.isBlank()) {
            return false;
        }
        if (UserIds.same(user, author.name().strip())) {
            return true;
        }
        String email = author.email().strip();
        if (email.isEmpty()) {
            return false;
        }
        String local = email.substring(0, Math.max(email.lastIndexOf('@'), 0));
        return UserIds.same(user, email) || (!local.isEmpty() && UserIds.same(user, local));
    }
}
