package io.releaseguard.engine.snapshot;

/**
 * What a restore does to one declared file: the target's current hash ({@code null} when absent) against the
 * snapshot's ({@code null} when the file did not exist then). A secret file's change carries no hashes (they are
 * shown and a short secret's hash can be guessed); its action is decided before they are dropped.
 */
public record FileChange(String path, Action action, String currentSha256, String snapshotSha256, boolean secret) {

    /** The closed set of things a restore can do to a file. */
    public enum Action {
        UNCHANGED,
        CREATE,
        REPLACE,
        DELETE
    }

    /**
     * The change for {@code f} given the target's current hash ({@code null} when absent) and whether the current
     * file's permission bits differ from the snapshot's (a mode-only difference is replaced too).
     */
    static FileChange of(SnapshotFile f, String current, boolean modeDiffers) {
        Action action;
        if (f.absent()) {
            action = current == null ? Action.UNCHANGED : Action.DELETE;
        } else if (current == null) {
            action = Action.CREATE;
        } else {
            action = current.equals(f.sha256()) && !modeDiffers ? Action.UNCHANGED : Action.REPLACE;
        }
        boolean secret = f.secret() || SecretFiles.isSecret(f.path());
        return secret
                ? new FileChange(f.path(), action, null, null, true)
                : new FileChange(f.path(), action, current, f.sha256(), false);
    }
}
