package io.releaseguard.engine.calendar;

import io.releaseguard.engine.health.HttpHealthProbe;
import io.releaseguard.engine.health.ProbeRequest;
import io.releaseguard.engine.health.ProbeResult;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Adapter: ICS calendars from files (relative to the policy) and from https URLs. Plain http is accepted only for
 * loopback hosts, so a calendar that decides freezes cannot be swapped on the network path. URLs are fetched through
 * the engine's one HTTP client: the timeout is a deadline for the whole exchange (connecting, the TLS handshake, the
 * headers and a body dripped after them), redirects are not followed, and bodies above {@link #MAX_BYTES} are refused
 * without being read past the cap.
 */
public final class HttpAndFileIcsFetcher implements IcsFetcher {
    /** Larger than any real holiday calendar, small enough that a hostile server cannot exhaust memory. */
    public static final int MAX_BYTES = 8 * 1024 * 1024;

    private final Duration timeout;

    public HttpAndFileIcsFetcher(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public String fetch(String source, Path baseDir) throws IOException {
        if (!IcsFetcher.isUrl(source)) {
            Path file = baseDir.resolve(source);
            if (Files.size(file) > MAX_BYTES) {
                throw new IOException("larger than " + MAX_BYTES + " bytes");
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        }
        URI uri = URI.create(source);
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("http") && !isLoopback(uri.getHost())) {
            throw new IOException("plain http is allowed only for loopback hosts; use https");
        }
        ProbeResult r;
        // Calendars are read once per run: a client of its own, closed with its connection, holds nothing open.
        try (HttpHealthProbe http = new HttpHealthProbe()) {
            r = http.probe(ProbeRequest.get(uri, Map.of("Accept", "text/calendar"), timeout, MAX_BYTES));
        }
        if (r instanceof ProbeResult.Failure f) {
            throw new IOException(
                    f.kind() == ProbeResult.FailureKind.BODY_TOO_LARGE
                            ? "larger than " + MAX_BYTES + " bytes"
                            : f.detail());
        }
        ProbeResult.Response response = (ProbeResult.Response) r;
        if (response.status() != 200) {
            throw new IOException("HTTP " + response.status());
        }
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    static boolean isLoopback(String host) {
        return host != null && (host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]"));
    }
}
