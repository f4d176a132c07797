package io.releaseguard.engine.node;

import io.releaseguard.engine.config.ConfigException;
import io.releaseguard.engine.config.ConfigLoader;
import io.releaseguard.engine.config.PolicyFiles;
import io.releaseguard.engine.config.ReleaseGuardConfig;
import java.io.Serializable;
import java.nio.file.Path;

/**
 * A policy as a node loads it: its text, the name its problems are reported under, the folder on the node its
 * relative paths resolve against, and the workspace it is confined to when it came from one ({@code null} for an
 * administrator's policy, which may name any path on the node). Loading it on the node checks the confinement
 * against the node's real files (links included).
 */
public record NodePolicy(String yaml, String sourceName, String baseDir, String workspace) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** A policy read from {@code workspace}; {@code baseDir} is its folder there. */
    public static NodePolicy fromWorkspace(String yaml, String sourceName, String baseDir, String workspace) {
        return new NodePolicy(yaml, sourceName, baseDir, workspace);
    }

    /** An administrator's policy; on the node its relative paths resolve against {@code baseDir}. */
    public static NodePolicy administered(String yaml, String sourceName, String baseDir) {
        return new NodePolicy(yaml, sourceName, baseDir, null);
    }

    public boolean confined() {
        return workspace != null;
    }

    /** Parses it on the node, its files read there and confined to the workspace when it came from one. */
    public ReleaseGuardConfig load() throws ConfigException {
        return ConfigLoader.parse(
                yaml,
                sourceName,
                Path.of(baseDir),
                confined() ? PolicyFiles.confinedTo(Path.of(workspace)) : PolicyFiles.here());
    }

    /** Parses it where its files are not (the controller): nothing is read, paths are checked as written. */
    public ReleaseGuardConfig loadElsewhere() throws ConfigException {
        return ConfigLoader.parse(yaml, sourceName, Path.of(baseDir), PolicyFiles.elsewhere(confined()));
    }
}
