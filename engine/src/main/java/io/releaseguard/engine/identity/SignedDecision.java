package io.releaseguard.engine.identity;

import java.time.Instant;
import java.util.Objects;

/**
 * What a reviewer signs: one decision on one promotion, as a canonical text of fixed lines in a fixed order, so a
 * signature made for one promotion, release, artifact, environment, decision, user or instant never verifies for
 * another. The comment is not part of it. The text is
 * {@code release-guard decision v1\npromotion: ID\nrelease: R\ndigest: D\nenvironment: E\ndecision: APPROVE\nby:
 * USER\nat: INSTANT\n}; every value is a single line (ids, release names and digests cannot hold a line break, and
 * one that does is refused).
 */
public record SignedDecision(
        String promotionId,
        String release,
        String artifactDigest,
        String environment,
        String decision,
        String user,
        Instant at) {

    public SignedDecision {
        for (String v : new String[] {promotionId, release, artifactDigest, environment, decision, user}) {
            Objects.requireNonNull(v, "signed field");
            if (v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("a signed field cannot contain a line break");
            }
        }
        Objects.requireNonNull(at, "at");
    }

    /** The exact bytes (as UTF-8) that are signed and verified. */
    public String text() {
        return "release-guard decision v1\n"
                + "promotion: " + promotionId + "\n"
                + "release: " + release + "\n"
                + "digest: " + artifactDigest + "\n"
                + "environment: " + environment + "\n"
                + "decision: " + decision + "\n"
                + "by: " + user + "\n"
                + "at: " + at + "\n";
    }
}
