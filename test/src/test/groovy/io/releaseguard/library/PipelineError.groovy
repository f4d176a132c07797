package io.releaseguard.library

/** What the {@code error} step throws in tests: the build would fail with this message. */
class PipelineError extends RuntimeException {
    PipelineError(String message) {
        super(message)
    }
}
