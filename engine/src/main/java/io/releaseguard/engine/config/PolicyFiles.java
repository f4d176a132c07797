package io.releaseguard.engine.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the files a policy names (ICS calendars, kill-switch files, target directories, SSH keys and known_hosts,
 * the git repository) are, and which of them the policy may name. {@link #here()} is the CLI's rule: any path,
 * read in this process while loading. A policy that came from a build's workspace is confined to that workspace:
 * on the node that holds it ({@link #confinedTo}) absolute paths, {@code ..} and symbolic links that leave it are
 * refused; where the files are not ({@link #elsewhere}, the Jenkins controller) nothing is read while loading and
 * paths are checked as text, the node checking links when it loads the same policy.
 */
public record PolicyFiles(boolean readHere, Optional<Path> root, boolean confined) {

    /** Files are read here, wherever the policy points. */
    public static PolicyFiles here() {
        return new PolicyFiles(true, Optional.empty(), false);
    }

    /** Files are read here and must stay inside {@code root} (real paths, links resolved). */
    public static PolicyFiles confinedTo(Path root) {
        return new PolicyFiles(true, Optional.of(root), true);
    }

    /**
     * Files live on another machine: none is read while loading; with {@code confined} the paths must still be
     * relative and stay inside the policy's workspace as written.
     */
    public static PolicyFiles elsewhere(boolean confined) {
        return new PolicyFiles(false, Optional.empty(), confined);
    }
}
