package io.releaseguard.engine.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Deploy and phase scripts for tests: written, then made executable by their owner only. */
public final class Scripts {
    private Scripts() {}

    /** Writes {@code text} (a whole script, {@code #!} line included) to {@code file}, mode 0700. */
    public static Path executable(Path file, String text) throws IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }
}
