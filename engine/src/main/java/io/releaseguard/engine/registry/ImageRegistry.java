package io.releaseguard.engine.registry;

import io.releaseguard.engine.ReleaseGuardException;
import java.util.List;

/**
 * The port through which a promotion moves image tags: after a release is live, each service's image is tagged with
 * the environment's tags ({@code mainnet}, {@code mainnet-20261124-150000}) so that whatever pulls by those tags gets
 * exactly the manifest that was promoted. A retag must be idempotent: repeating one that is done changes nothing.
 */
public interface ImageRegistry {
    /** The image as people name it: {@code registry.example.org/team/api}. */
    String image(String repository);

    /**
     * Points every tag in {@code tags} at the manifest that {@code repository:sourceTag} names and verifies that each
     * now has its digest. Throws, with the image and tag named and no credential shown, when the registry is
     * unreachable, the source tag is missing, access is refused or a tag does not verify.
     */
    Retagged retag(String repository, String sourceTag, List<String> tags) throws ReleaseGuardException;

    /** A finished retag: the image, the tag it was read from, the manifest's digest and media type, the new tags. */
    record Retagged(String image, String sourceTag, String digest, String mediaType, List<String> tags) {
        public Retagged {
            tags = List.copyOf(tags);
        }
    }
}
