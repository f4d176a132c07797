package io.releaseguard.engine.config;

import java.util.List;
import java.util.Optional;

/**
 * What is saved before a service is deployed so it can be restored exactly: files on the target, the image list
 * (from a command or listed), and the command that brings the restored files up again.
 */
public record SnapshotSpec(
        List<String> files, Optional<String> imagesCommand, List<String> images, Optional<String> restore) {
    public SnapshotSpec {
        files = List.copyOf(files);
        images = List.copyOf(images);
    }
}
