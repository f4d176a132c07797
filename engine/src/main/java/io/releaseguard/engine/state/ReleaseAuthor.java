package io.releaseguard.engine.state;

import java.util.Objects;

/**
 * Someone recorded as an author of the release a promotion carries, and where that came from: named in the request
 * ({@code promote --author}) or the author or committer of the commit the release names in the policy's git
 * repository. Persisted as plain names so approvals can be checked long after the repository moved on.
 */
public record ReleaseAuthor(Source source, String name, String email) {

    /** Where an author was learned. */
    public enum Source {
        /** Named by the front that requested the promotion; {@code name} is a user id, {@code email} is empty. */
        REQUEST,
        GIT_AUTHOR,
        GIT_COMMITTER
    }

    public ReleaseAuthor {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(name, "name");
        email = email == null ? "" : email;
    }

    /** An author named in the request. */
    public static ReleaseAuthor named(String userId) {
        return new ReleaseAuthor(Source.REQUEST, userId, "");
    }

    /** How the author reads in messages: {@code bob (named in the request)}, {@code git author A <a@x.org>}. */
    public String describe() {
        return switch (source) {
            case REQUEST -> name + " (named in the request)";
            case GIT_AUTHOR -> "git author " + identity();
            case GIT_COMMITTER -> "git committer " + identity();
        };
    }

    private String identity() {
        return email.isEmpty() ? name : name + " <" + email + ">";
    }
}
