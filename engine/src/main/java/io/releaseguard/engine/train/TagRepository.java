package io.releaseguard.engine.train;

import io.releaseguard.engine.ReleaseGuardException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The git repository as trains see it: tags, commits and ancestry, plus creating and publishing annotated tags.
 * Creation is compare-and-swap on the ref: a tag that already exists is a {@link TrainReason#TAG_CONFLICT}, never
 * overwritten, locally or on the remote. Errors are {@link ReleaseGuardException}s naming the repository.
 */
public interface TagRepository extends AutoCloseable {

    /** Names of every tag (annotated or lightweight), in no particular order. */
    List<String> tagNames() throws ReleaseGuardException;

    /** Names of the tags starting with {@code prefix}; adapters with sorted refs answer without reading the rest. */
    default List<String> tagNames(String prefix) throws ReleaseGuardException {
        return tagNames().stream().filter(n -> n.startsWith(prefix)).toList();
    }

    /** The tag {@code name}, peeled to its commit, if it exists. */
    Optional<TagInfo> tag(String name) throws ReleaseGuardException;

    /**
     * The commit a revision names: a full or abbreviated id, {@code HEAD}, a branch or a tag.
     *
     * @throws ReleaseGuardException INVALID when it names no commit
     */
    String commit(String revision) throws ReleaseGuardException;

    /** True when {@code ancestor} is {@code descendant} or one of its ancestors ({@code git merge-base --is-ancestor}). */
    boolean isAncestor(String ancestor, String descendant) throws ReleaseGuardException;

    /**
     * Creates annotated tag {@code name} on {@code commit}, tagged at {@code at}.
     *
     * @throws ReleaseGuardException BLOCKED with {@link TrainReason#TAG_CONFLICT} when the tag already exists
     */
    void createTag(String name, String commit, String message, Instant at) throws ReleaseGuardException;

    /** Deletes a local tag (used to undo a tag whose push lost the race). */
    void deleteTag(String name) throws ReleaseGuardException;

    /** Fetches the remote's tags; tags that exist locally with another target are left alone. */
    void fetchTags(String remote) throws ReleaseGuardException;

    /**
     * Pushes tag {@code name} to {@code remote}, requiring that the remote does not have it yet.
     *
     * @throws ReleaseGuardException BLOCKED with {@link TrainReason#TAG_CONFLICT} when the remote already has it
     */
    void pushTag(String remote, String name) throws ReleaseGuardException;

    @Override
    void close();
}
