package io.releaseguard.engine.target;

import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.ReleaseGuardException;

/**
 * A target file is larger than the caller's cap; it was refused from its size, without reading it. A snapshot of it
 * fails; a restore that finds one where a snapshot file belongs replaces it.
 */
public final class FileTooLargeException extends ReleaseGuardException {
    private static final long serialVersionUID = 1L;

    FileTooLargeException(String describe, String path, String size, long maxBytes) {
        super(
                ExitCode.INVALID,
                "FILE_TOO_LARGE: " + describe + ": " + path + " is " + size + " bytes; a snapshot file may be at most "
                        + maxBytes + " bytes (services[].snapshot.maxFileBytes); refusing to read it");
    }

    /** The same refusal, as {@code message} told it where the file is (a build's node). */
    public FileTooLargeException(String message) {
        super(ExitCode.INVALID, message);
    }
}
