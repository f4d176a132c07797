package io.releaseguard.engine.regression;

import com.fasterxml.jackson.databind.JsonNode;
import io.releaseguard.engine.health.HealthProbe;
import io.releaseguard.engine.secret.SecretRefs;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Error signals from Sentry's public API: issues of the project first seen after the deploy ({@code GET
 * /api/0/projects/{org}/{project}/issues/?query=firstSeen:>…}, checked again on our side) and event counts per window
 * ({@code GET /api/0/projects/{org}/{project}/stats/?stat=received}, buckets summed by timestamp).
 */
public final class SentryProvider implements ErrorSignalProvider {
    private final HealthProbe probe;
    private final String base;
    private final Map<String, String> headers;
    private final SecretRefs secrets;

    public SentryProvider(
            HealthProbe probe, String url, String organization, String project, String token, SecretRefs secrets) {
        this.probe = probe;
        this.base = ProviderHttp.trimSlash(url) + "/api/0/projects/" + ProviderHttp.enc(organization) + "/"
                + ProviderHttp.enc(project);
        this.headers = Map.of("Authorization", "Bearer " + token, "Accept", "application/json");
        this.secrets = secrets;
    }

    @Override
    public String name() {
        return "sentry";
    }

    @Override
    public Observation observe(SignalQuery q) {
        try {
            List<Observation.NewIssue> fresh = newIssues(q);
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
                if (ts >= q.baselineStart().getEpochSecond()
                        && ts < q.deployAt().getEpochSecond()) {
                    before += n;
                } else if (ts >= q.afterStart().getEpochSecond()
                        && ts < q.afterEnd().getEpochSecond()) {
                    after += n;
                }
            }
            return new Observation.Issues(fresh, before, after);
        } catch (IOException e) {
            return new Observation.Unavailable("cannot query Sentry: " + e.getMessage());
        }
    }

    private List<Observation.NewIssue> newIssues(SignalQuery q) throws IOException {
        String search = "is:unresolved firstSeen:>" + q.deployAt();
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
}
