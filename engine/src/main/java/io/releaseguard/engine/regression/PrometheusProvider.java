package io.releaseguard.engine.regression;

import com.fasterxml.jackson.databind.JsonNode;
import io.releaseguard.engine.config.QueryTemplate;
import io.releaseguard.engine.config.QueryTemplate.Placeholder;
import io.releaseguard.engine.health.HealthProbe;
import io.releaseguard.engine.secret.SecretRefs;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Error signals from Prometheus: the configured {@code errors} and {@code total} PromQL expressions are per-second
 * rates (e.g. {@code sum(rate(http_requests_total{code=~"5.."}[5m]))}), evaluated with {@code /api/v1/query_range}
 * over each window; the count in a window is the mean rate (series summed per instant) times its length, so a window
 * without data counts zero requests and is too little traffic. Placeholders are filled per window ({@link
 * SignalQuery#values}), escaped as PromQL label values by {@link QueryTemplate}.
 */
public final class PrometheusProvider implements ErrorSignalProvider {
    private static final int MAX_POINTS = 240;
    private static final long MIN_STEP_SECONDS = 15;

    private final HealthProbe probe;
    private final String url;
    private final QueryTemplate errors;
    private final QueryTemplate total;
    private final Map<String, String> headers;
    private final SecretRefs secrets;

    public PrometheusProvider(
            HealthProbe probe,
            String url,
            QueryTemplate errors,
            QueryTemplate total,
            Map<String, String> headers,
            SecretRefs secrets) {
        this.probe = probe;
        this.url = ProviderHttp.trimSlash(url);
        this.errors = errors;
        this.total = total;
        this.headers = Map.copyOf(headers);
        this.secrets = secrets;
    }

    @Override
    public String name() {
        return "prometheus";
    }

    @Override
    public boolean perService() {
        return errors.uses(Placeholder.SERVICE) || total.uses(Placeholder.SERVICE);
    }

    @Override
    public boolean needsRelease() {
        return errors.uses(Placeholder.RELEASE) || total.uses(Placeholder.RELEASE);
    }

    @Override
    public Observation observe(SignalQuery q) {
        Map<Placeholder, String> before = q.values(true);
        Map<Placeholder, String> after = q.values(false);
        try {
            return new Observation.Requests(
                    count(errors.fill(before), q.baselineStart(), q.deployAt()),
                    count(total.fill(before), q.baselineStart(), q.deployAt()),
                    count(errors.fill(after), q.afterStart(), q.afterEnd()),
                    count(total.fill(after), q.afterStart(), q.afterEnd()));
        } catch (IOException | IllegalStateException e) {
            return new Observation.Unavailable("cannot query Prometheus: " + e.getMessage());
        }
    }

    /** Requests (or errors) in {@code [from, to]}: mean of the summed rate times the window's seconds. */
    private double count(String promql, Instant from, Instant to) throws IOException {
        long seconds = Duration.between(from, to).toSeconds();
        if (seconds <= 0) {
            return 0;
        }
        long step = Math.max(MIN_STEP_SECONDS, (seconds + MAX_POINTS - 1) / MAX_POINTS);
        String query = url + "/api/v1/query_range?query=" + ProviderHttp.enc(promql) + "&start=" + from.getEpochSecond()
                + "&end=" + to.getEpochSecond() + "&step=" + step;
        JsonNode doc = ProviderHttp.getJson(probe, query, headers, secrets);
        if (!"success".equals(doc.path("status").asText())) {
            throw new IOException(
                    "query " + promql + " failed: " + doc.path("error").asText("unknown error"));
        }
        Map<Long, Double> perInstant = new TreeMap<>();
        for (JsonNode series : doc.path("data").path("result")) {
            for (JsonNode point : series.path("values")) {
                double v = Double.parseDouble(point.get(1).asText());
                if (Double.isFinite(v)) {
                    perInstant.merge(Math.round(point.get(0).asDouble()), v, Double::sum);
                }
            }
        }
        long instants = seconds / step + 1;
        double sum =
                perInstant.values().stream().mapToDouble(Double::doubleValue).sum();
        return sum / instants * seconds;
    }
}
