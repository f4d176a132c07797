package io.releaseguard.jenkins.policy;

import io.releaseguard.engine.ReleaseGuardException;
import java.io.Serializable;
import java.nio.file.Path;

/**
 * Which policy a promotion step works under, kept with the paused step and its approval page. The controller's
 * global policy is read afresh every time it is needed, so an administrator's new freeze or changed reviewer list
 * applies to promotions already waiting, as a new CLI run reads the edited file. A workspace policy file is kept as
 * the text the step read, because the workspace may be gone when an approval arrives or after a restart.
 */
public final class PolicyRef implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The text of a workspace policy; null for the global policy. */
    private final String yaml;

    private final String sourceName;
    private final String baseDir;

    /** The workspace the policy came from (on the build's node); null for the global policy. */
    private final String workspace;

    private PolicyRef(String yaml, String sourceName, String baseDir, String workspace) {
        this.yaml = yaml;
        this.sourceName = sourceName;
        this.baseDir = baseDir;
        this.workspace = workspace;
    }

    /** The controller's global policy, whatever it says when it is read. */
    public static PolicyRef global() {
        return new PolicyRef(null, null, null, null);
    }

    /** A workspace policy, as read now. */
    public static PolicyRef snapshot(PolicySource source) {
        return new PolicyRef(
                source.yaml(),
                source.sourceName(),
                source.baseDir().toString(),
                source.workspace() == null ? source.baseDir().toString() : source.workspace());
    }

    public boolean isGlobal() {
        return yaml == null;
    }

    /** The policy to use now; {@code global} reads the controller's current global policy. */
    public PolicySource resolve(GlobalPolicy global) throws ReleaseGuardException {
        // A step saved before the workspace was recorded is confined to its policy's folder: never to nothing.
        return isGlobal()
                ? global.current()
                : new PolicySource(yaml, sourceName, Path.of(baseDir), workspace == null ? baseDir : workspace);
    }

    /** Reads the controller's global policy; fails when none is configured. */
    @FunctionalInterface
    public interface GlobalPolicy {
        PolicySource current() throws ReleaseGuardException;
    }
}
