package io.releaseguard.engine.regression;

import com.fasterxml.jackson.databind.JsonNode;
import io.releaseguard.engine.config.QueryTemplate;
import io.releaseguard.engine.config.QueryTemplate.Placeholder;
import io.releaseguard.engine.config.RegressionSpec;
import io.releaseguard.engine.health.HealthProbe;
import io.releaseguard.engine.secret.SecretRefs;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Error signals from Sentry's public API: issues of the project first seen after the deploy in the release ({@code
 * GET /api/0/projects/{org}/{project}/issues/?query=firstSeen:>… release:"…"}, checked again on our side), event
 * counts per window ({@code GET /api/0/projects/{org}/{project}/stats/?stat=received}, buckets summed by timestamp),
 * and the traffic behind them from release health ({@link SentrySessions}). The project, release and environment
 * names are filled from the policy's templates and encoded for where they are sent: a path segment, a quoted search
 * value, a query parameter.
 */
public final class SentryProvider implements ErrorSignalProvider {
    private final HealthProbe probe;
    private final String url;
    private final String organization;
    private final RegressionSpec.Sentry spec;
    private final Map<String, String> headers;
    private final SecretRefs secrets;

    public SentryProvider(HealthProbe probe, String url, RegressionSpec.Sentry spec, String token, SecretRefs secrets) {
        this.probe = probe;
        this.url = ProviderHttp.trimSlash(url);
        this.organization = ProviderHttp.segment(spec.organization());
        this.spec = spec;
        this.headers = Map.of("Authorization", "Bearer " + token, "Accept", "application/json");
        this.secrets = secrets;
    }

    @Override
    public String name() {
        return "sentry";
    }

    @Override
    public boolean perService() {
        return templates().anyMatch(t -> t.uses(Placeholder.SERVICE));
    }

    @Override
    public boolean needsRelease() {
        return Stream.concat(Stream.of(spec.project()), spec.environment().stream())
                .anyMatch(t -> t.uses(Placeholder.RELEASE));
    }

    private Stream<QueryTemplate> templates() {
        return Stream.concat(Stream.of(spec.project(), spec.release()), spec.environment().stream());
    }

    @Override
    public Observation observe(SignalQuery q) {
        try {
            Map<Placeholder, String> values = q.values(false);
            String project = spec.project().fill(values);
            Optional<String> release = q.release().map(r -> spec.release().fill(values));
            Optional<String> environment = spec.environment().map(t -> t.fill(values));
            String base = url + "/api/0/projects/" + organization + "/" + ProviderHttp.segment(project);
            List<Observation.NewIssue> fresh = newIssues(base, q, release);
            double[] events = events(base, q);
            SentrySessions sessions = new SentrySessions(
                    probe,
                    url + "/api/0/organizations/" + organization,
                    projectId(base),
                    environment,
                    headers,
                    secrets);
            return new Observation.Issues(fresh, events[0], events[1], sessions.count(q, release));
        } catch (IOException | IllegalStateException e) {
            return new Observation.Unavailable("cannot query Sentry: " + e.getMessage());
        }
    }

    /** The numeric project id the sessions API filters by ("Retrieve a Project"). */
    private String projectId(String base) throws IOException {
        JsonNode project = ProviderHttp.getJson(probe, base + "/", headers, secrets);
        String id = project.path("id").asText("");
        if (!id.matches("\\d+")) {
            throw new IOException(secrets.maskUrl(base + "/") + ": no numeric project id in the response");
        }
        return id;
    }

    /** Error events received in the baseline and after windows. */
    private double[] events(String base, SignalQuery q) throws IOException {
        long span = Duration.between(q.baselineStart(), q.afterEnd()).toSeconds();
        String resolution = span <= 86_400 ? "10s" : "1h";
        JsonNode stats = ProviderHttp.getJson(
                probe,
                base + "/stats/?stat=received&since=" + q.baselineStart().getEpochSecond() + "&until="
                        + q.afterEnd().getEpochSecond() + "&resolution=" + resolution,
                headers,
                secrets);
        double before = 0;
        double after = 0;
        for (JsonNode bucket : stats) {
            long ts = bucket.path(0).asLong();
            double n = bucket.path(1).asDouble();
            if (ts >= q.baselineStart().getEpochSecond() && ts < q.deployAt().getEpochSecond()) {
                before += n;
            } else if (ts >= q.afterStart().getEpochSecond()
                    && ts < q.afterEnd().getEpochSecond()) {
                after += n;
            }
        }
        return new double[] {before, after};
    }

    private List<Observation.NewIssue> newIssues(String base, SignalQuery q, Optional<String> release)
            throws IOException {
        String search = "is:unresolved firstSeen:>" + q.deployAt()
                + release.map(r -> " release:" + searchValue(r)).orElse("");
        JsonNode issues = ProviderHttp.getJson(
                probe, base + "/issues/?query=" + ProviderHttp.enc(search) + "&limit=100", headers, secrets);
        if (!issues.isArray()) {
            throw new IOException("issues: expected a JSON array");
        }
        List<Observation.NewIssue> fresh = new ArrayList<>();
        for (JsonNode issue : issues) {
            Instant firstSeen;
            try {
                firstSeen = Instant.parse(issue.path("firstSeen").asText());
            } catch (DateTimeParseException e) {
                throw new IOException("issue " + issue.path("id").asText() + ": firstSeen is not an instant");
            }
            if (!firstSeen.isBefore(q.deployAt()) && !firstSeen.isAfter(q.afterEnd())) {
                fresh.add(new Observation.NewIssue(
                        issue.path("shortId").asText(issue.path("id").asText()),
                        issue.path("title").asText(),
                        firstSeen,
                        issue.path("count").asLong()));
            }
        }
        return fresh;
    }

    /** A value in Sentry's search syntax: always quoted, with quotes and backslashes escaped. */
    static String searchValue(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
