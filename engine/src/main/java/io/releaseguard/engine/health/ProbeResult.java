package io.releaseguard.engine.health;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What one probe observed: a complete {@link Response}, or a {@link Failure} of a known {@link FailureKind}. Only
 * observations, no judgement: {@link HealthAssessment} decides what they mean for a check.
 */
public sealed interface ProbeResult {
    /** Time from sending the request to the end of the exchange (or the failure). */
    Duration latency();

    /** A response read to its end, body at most {@code maxBodyBytes} long; header names are case-insensitive. */
    record Response(int status, HttpHeaders headers, byte[] body, Duration latency) implements ProbeResult {
        public Optional<String> contentType() {
            return headers.firstValue("content-type");
        }

        public Optional<String> location() {
            return headers.firstValue("location");
        }
    }

    /** No usable response; {@code status} is known when the failure came after the headers. */
    record Failure(FailureKind kind, String detail, OptionalInt status, Duration latency) implements ProbeResult {
        /** A failure before any response arrived (no status), {@code latency} after the probe began. */
        public static Failure beforeResponse(FailureKind kind, String detail, Duration latency) {
            return new Failure(kind, detail, OptionalInt.empty(), latency);
        }
    }

    /** Why an exchange failed, closed so every case is classified. */
    enum FailureKind {
        TIMEOUT,
        CONNECTION_REFUSED,
        CONNECTION_RESET,
        TLS,
        UNKNOWN_HOST,
        BODY_TOO_LARGE,
        IO;

        /** Connection errors and timeouts may heal on a retry; TLS and size errors will not. */
        public boolean retryable() {
            return this != TLS && this != BODY_TOO_LARGE;
        }
    }
}
