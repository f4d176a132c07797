package io.releaseguard.engine.calendar;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Adapter: ICS calendars from files (relative to the policy) and from https URLs. Plain http is accepted only for
 * loopback hosts, so a calendar that decides freezes cannot be swapped on the network path. Bodies above
 * {@link #MAX_BYTES} are refused.
 */
public final class HttpAndFileIcsFetcher implements IcsFetcher {
    /** Larger than any real holiday calendar, small enough that a hostile server cannot exhaust memory. */
    public static final int MAX_BYTES = 8 * 1024 * 1024;

    private final HttpClient client;
    private final Duration timeout;

    public HttpAndFileIcsFetcher(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
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
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw new IOException("HTTP " + response.statusCode());
                }
                byte[] bytes = body.readNBytes(MAX_BYTES + 1);
                if (bytes.length > MAX_BYTES) {
                    throw new IOException("larger than " + MAX_BYTES + " bytes");
                }
                return new String(bytes, StandardCharsets.UTF_8);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    static boolean isLoopback(String host) {
        return host != null && (host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]"));
    }
}
