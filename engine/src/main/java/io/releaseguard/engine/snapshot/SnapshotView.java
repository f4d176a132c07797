package io.releaseguard.engine.snapshot;

import java.util.Map;

/**
 * A snapshot as it may be shown to a person: the manifest and each present file's content, secrets masked
 * ({@link SecretFiles#masked}).
 */
public record SnapshotView(SnapshotManifest manifest, Map<String, String> contents) {
    public SnapshotView {
        contents = Map.copyOf(contents);
    }
}
