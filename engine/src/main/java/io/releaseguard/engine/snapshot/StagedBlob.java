package io.releaseguard.engine.snapshot;

import java.nio.file.Path;

/**
 * Content streamed into the store's staging directory and hashed on the way, not yet part of any snapshot: {@link
 * SnapshotStore#save} moves it to its content address, {@link SnapshotStore#discard} removes it.
 */
public record StagedBlob(String sha256, long size, Path file) {}
