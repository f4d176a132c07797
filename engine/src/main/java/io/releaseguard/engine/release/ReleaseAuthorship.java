package io.releaseguard.engine.release;

import io.releaseguard.engine.state.ReleaseAuthor;
import java.util.List;
import java.util.Optional;

/**
 * Who wrote a release, as the repository knows it: the author and committer of the commit the release names (a
 * {@code sha-<hex>} release or a tag). A release that names no commit is an answer, not an error: no authors, and a
 * note saying why, for the audit record.
 */
@FunctionalInterface
public interface ReleaseAuthorship {

    /** The release's commit and its authors, or none and why. */
    Authorship of(String release);

    /** What was found: the commit (empty when none), its identities and a one-line note for the audit record. */
    record Authorship(Optional<String> commit, List<ReleaseAuthor> authors, String note) {
        public Authorship {
            authors = List.copyOf(authors);
        }

        /** Nothing found, and why. */
        public static Authorship unknown(String why) {
            return new Authorship(Optional.empty(), List.of(), why);
        }
    }

    /** Knows no authors: the policy names no repository. */
    static ReleaseAuthorship none(String why) {
        return release -> Authorship.unknown(why);
    }
}
