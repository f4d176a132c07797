package io.releaseguard.engine.regression;

import com.fasterxml.jackson.databind.JsonNode;
import io.releaseguard.engine.health.HealthProbe;
import io.releaseguard.engine.secret.SecretRefs;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Traffic from Sentry release health ("Retrieve Release Health Session Statistics", {@code GET
 * /api/0/organizations/{org}/sessions/?field=sum(session)}): the project's sessions in the baseline and after
 * windows, and the release's own ({@code query=release:"…"}) after the deploy. The API answers in buckets of at least
 * an hour, so a window's count is each overlapping bucket's share, spread evenly over the part of the bucket in which
 * the sessions can have been recorded: not after the evaluation instant and, for the release, not before the deploy.
 */
final class SentrySessions {
    static final Duration INTERVAL = Duration.ofHours(1);
    private static final String FIELD = "sum(session)";
    private static final DateTimeFormatter UTC =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    private final HealthProbe probe;
    private final String organizationUrl;
    private final String projectId;
    private final Optional<String> environment;
    private final Map<String, String> headers;
    private final SecretRefs secrets;

    SentrySessions(
            HealthProbe probe,
            String organizationUrl,
            String projectId,
            Optional<String> environment,
            Map<String, String> headers,
            SecretRefs secrets) {
        this.probe = probe;
        this.organizationUrl = organizationUrl;
        this.projectId = projectId;
        this.environment = environment;
        this.headers = headers;
        this.secrets = secrets;
    }

    /** The project's sessions around the deploy and the release's after it. */
    Observation.Sessions count(SignalQuery q, Optional<String> release) throws IOException {
        Series all = fetch(q.baselineStart(), q.afterEnd(), Optional.empty());
        double baseline = all.in(q.baselineStart(), q.deployAt(), Instant.MIN, q.afterEnd());
        double after = all.in(q.afterStart(), q.afterEnd(), Instant.MIN, q.afterEnd());
        double ofRelease = after;
        if (release.isPresent()) {
            ofRelease = fetch(q.afterStart(), q.afterEnd(), release)
                    .in(q.afterStart(), q.afterEnd(), q.deployAt(), q.afterEnd());
        }
        return new Observation.Sessions(baseline, after, ofRelease);
    }

    private Series fetch(Instant start, Instant end, Optional<String> release) throws IOException {
        String url = organizationUrl + "/sessions/?field=" + ProviderHttp.enc(FIELD) + "&project=" + projectId
                + environment.map(e -> "&environment=" + ProviderHttp.enc(e)).orElse("")
                + release.map(r -> "&query=" + ProviderHttp.enc("release:" + SentryProvider.searchValue(r)))
                        .orElse("")
                + "&start=" + UTC.format(start) + "&end=" + UTC.format(end) + "&interval=1h";
        return Series.parse(ProviderHttp.getJson(probe, url, headers, secrets), secrets.maskUrl(url));
    }

    /** Session counts per bucket start, summed over the response's groups. */
    record Series(List<Instant> starts, Duration width, double[] counts) {
        static Series parse(JsonNode doc, String shown) throws IOException {
            List<Instant> starts = new ArrayList<>();
            try {
                for (JsonNode i : doc.path("intervals")) {
                    starts.add(Instant.parse(i.asText()));
                }
            } catch (DateTimeParseException e) {
                throw new IOException(shown + ": an interval is not an instant");
            }
            if (!doc.path("intervals").isArray() || !doc.path("groups").isArray()) {
                throw new IOException(shown + ": expected 'intervals' and 'groups' (release health session stats)");
            }
            double[] counts = new double[starts.size()];
            for (JsonNode group : doc.path("groups")) {
                JsonNode series = group.path("series").path(FIELD);
                for (int i = 0; i < counts.length && i < series.size(); i++) {
                    counts[i] += series.get(i).asDouble();
                }
            }
            Duration width = starts.size() > 1 ? Duration.between(starts.get(0), starts.get(1)) : INTERVAL;
            return new Series(starts, width, counts);
        }

        /**
         * Sessions in {@code [from, to)}: each bucket contributes its count times the share of {@code [from, to)} in
         * the part of the bucket where sessions were possible, {@code [max(start, notBefore), min(end, notAfter))}.
         */
        double in(Instant from, Instant to, Instant notBefore, Instant notAfter) {
            double sum = 0;
            for (int i = 0; i < starts.size(); i++) {
                Instant lo = max(starts.get(i), notBefore);
                Instant hi = min(starts.get(i).plus(width), notAfter);
                long possible = Duration.between(lo, hi).toMillis();
                if (possible <= 0) {
                    continue;
                }
                long overlap = Duration.between(max(lo, from), min(hi, to)).toMillis();
                if (overlap > 0) {
                    sum += counts[i] * overlap / possible;
                }
            }
            return sum;
        }

        private static Instant max(Instant a, Instant b) {
            return a.isAfter(b) ? a : b;
        }

        private static Instant min(Instant a, Instant b) {
            return a.isBefore(b) ? a : b;
        }
    }
}
