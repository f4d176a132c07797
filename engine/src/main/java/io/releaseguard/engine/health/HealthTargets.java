package io.releaseguard.engine.health;

import com.fasterxml.jackson.databind.JsonNode;
import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.config.HealthCheckSpec;
import io.releaseguard.engine.config.ServiceSpec;
import io.releaseguard.engine.config.TenantSpec;
import io.releaseguard.engine.release.ReleaseName;
import io.releaseguard.engine.secret.SecretRefs;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides which base URLs a service's checks run against in an environment: its endpoint, or for a fleet every tenant
 * listed in the config and every tenant its {@code tenantsUrl} returns (a JSON array of {@code {"name", "url"}}, or
 * an object holding one under {@code tenants}), narrowed to the requested subset. A listed tenant name must follow
 * the release-name rule ({@link ReleaseName#isValid}), or the list is refused. A service or tenant without a URL for
 * the environment is not deployed there and is skipped.
 */
final class HealthTargets {
    private HealthTargets() {}

    /** One place checks run against; {@code tenant} is empty for a single-instance service. */
    record Target(String service, Optional<String> tenant, String baseUrl) {
        String name() {
            return tenant.orElse(service);
        }
    }

    /** Targets, plus failed results when a tenant list could not be fetched. */
    record Resolved(List<Target> targets, List<CheckResult> failures) {}

    static Resolved resolve(
            ServiceSpec service,
            String environment,
            Optional<List<String>> subset,
            HealthProbe probe,
            SecretRefs secrets)
            throws ReleaseGuardException {
        List<Target> targets = new ArrayList<>();
        List<CheckResult> failures = new ArrayList<>();
        if (!service.isFleet()) {
            String url = service.endpoints().get(environment);
            if (url != null) {
                targets.add(new Target(service.name(), Optional.empty(), url));
            }
            return new Resolved(targets, failures);
        }
        for (TenantSpec t : service.tenants()) {
            String url = t.endpoints().get(environment);
            if (url != null) {
                targets.add(new Target(service.name(), Optional.of(t.name()), url));
            }
        }
        String listUrl = service.tenantsUrl().get(environment);
        if (listUrl != null) {
            fetch(service, listUrl, probe, secrets, targets, failures);
        }
        if (subset.isPresent()) {
            Set<String> wanted = new LinkedHashSet<>(subset.get());
            Set<String> known = new LinkedHashSet<>();
            targets.forEach(t -> known.add(t.name()));
            wanted.removeAll(known);
            if (!wanted.isEmpty() && failures.isEmpty()) {
                throw new ReleaseGuardException(
                        ExitCode.INVALID,
                        "service " + service.name() + " has no tenant " + String.join(", ", wanted) + " in "
                                + environment + "; known: " + String.join(", ", known));
            }
            targets.removeIf(t -> !subset.get().contains(t.name()));
        }
        return new Resolved(targets, failures);
    }

    private static void fetch(
            ServiceSpec service,
            String listUrl,
            HealthProbe probe,
            SecretRefs secrets,
            List<Target> targets,
            List<CheckResult> failures)
            throws ReleaseGuardException {
        String resolved = secrets.resolve(listUrl, "services." + service.name() + ".tenantsUrl");
        ProbeResult r = probe.probe(ProbeRequest.get(
                URI.create(resolved),
                Map.of("Accept", "application/json"),
                HealthCheckSpec.DEFAULT_TIMEOUT,
                HealthCheckSpec.DEFAULT_MAX_BODY_BYTES));
        Optional<String> problem = Optional.empty();
        if (r instanceof ProbeResult.Failure f) {
            problem = Optional.of(f.detail());
        } else if (r instanceof ProbeResult.Response resp && resp.status() != 200) {
            problem = Optional.of("status " + resp.status() + ", expected 200");
        } else {
            problem = parse((ProbeResult.Response) r, service.name(), targets);
        }
        problem.ifPresent(p -> failures.add(new CheckResult(
                service.name(),
                Optional.empty(),
                "tenants",
                secrets.maskUrl(resolved),
                Verdict.FAIL,
                io.releaseguard.engine.config.Severity.FATAL,
                r instanceof ProbeResult.Response resp
                        ? java.util.OptionalInt.of(resp.status())
                        : java.util.OptionalInt.empty(),
                r.latency().toMillis(),
                secrets.mask("cannot list tenants: " + p))));
    }

    private static Optional<String> parse(ProbeResult.Response r, String service, List<Target> targets) {
        Optional<JsonNode> parsed = JsonDocuments.parse(r.body());
        if (parsed.isEmpty()) {
            return Optional.of("body is not JSON, expected an array of {\"name\", \"url\"}");
        }
        JsonNode doc = parsed.get();
        JsonNode list = doc != null && doc.isObject() ? doc.path("tenants") : doc;
        if (list == null || !list.isArray()) {
            return Optional.of("expected an array of {\"name\", \"url\"} (or {\"tenants\": [...]})");
        }
        List<Target> listed = new ArrayList<>();
        int entry = 0;
        for (JsonNode t : list) {
            entry++;
            String name = t.path("name").asText("");
            String url = t.path("url").asText("");
            if (name.isEmpty() || !(url.startsWith("http://") || url.startsWith("https://"))) {
                return Optional.of(
                        "entry " + HealthAssessment.excerpt(t.toString()) + " lacks a name or an http(s) url");
            }
            if (!ReleaseName.isValid(name)) {
                // The whole list is refused: a fleet rolled out without one of its tenants is not what was asked.
                return Optional.of("entry " + entry + " name " + ReleaseName.quote(name)
                        + " is not a valid tenant name (" + ReleaseName.RULE + ")");
            }
            listed.add(new Target(service, Optional.of(name), url));
        }
        targets.addAll(listed);
        return Optional.empty();
    }
}
