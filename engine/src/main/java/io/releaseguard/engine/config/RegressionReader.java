package io.releaseguard.engine.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads an environment's {@code regression} watch. Provider queries are {@link QueryTemplate}s, so an unknown
 * placeholder, or one standing where its value could not be escaped, is reported at its line and column with the
 * key path.
 */
final class RegressionReader {
    private RegressionReader() {}

    static Optional<RegressionSpec> regression(MapReader r) {
        Optional<RegressionSpec.Prometheus> prometheus = r.object("prometheus", RegressionReader::prometheus);
        Optional<RegressionSpec.Sentry> sentry = r.object("sentry", RegressionReader::sentry);
        Duration baseline = r.duration("baseline").orElse(Duration.ofHours(1));
        Duration window = r.duration("window").orElse(Duration.ofMinutes(15));
        Optional<Double> maxErrorRate = r.number("maxErrorRate");
        Optional<Double> maxRatio = r.number("maxRatioToBaseline");
        long minSamples = r.integer("minSamples", 0, Integer.MAX_VALUE).orElse(100);
        Duration soak = r.duration("soak").orElse(RegressionSpec.DEFAULT_SOAK);
        if (soak.isZero()) {
            r.error("soak", "must be longer than zero: the check compares traffic after the service went live");
        }
        RegressionSpec.OnInconclusive onInconclusive = r.value(
                        "onInconclusive",
                        t -> RegressionSpec.OnInconclusive.valueOf(t.toUpperCase(Locale.ROOT)),
                        "a choice for an inconclusive check (proceed or block)")
                .orElse(RegressionSpec.OnInconclusive.PROCEED);
        if (!r.has("prometheus") && !r.has("sentry")) {
            r.problems().add(r.location(), r.path(), "set 'prometheus' and/or 'sentry'");
        }
        return Optional.of(new RegressionSpec(
                prometheus, sentry, baseline, window, maxErrorRate, maxRatio, minSamples, soak, onInconclusive));
    }

    private static Optional<RegressionSpec.Prometheus> prometheus(MapReader p) {
        Optional<String> url = p.value("url", SectionsReader::httpUrl, "an http(s) URL");
        Optional<QueryTemplate> errors = template(p, "errors", QueryTemplate.Syntax.PROMQL, true);
        Optional<QueryTemplate> total = template(p, "total", QueryTemplate.Syntax.PROMQL, true);
        Map<String, String> headers = p.stringMap("headers");
        if (!p.has("url")) {
            p.missing("url");
        }
        return url.flatMap(u -> errors.flatMap(e -> total.map(t -> new RegressionSpec.Prometheus(u, e, t, headers))));
    }

    private static Optional<RegressionSpec.Sentry> sentry(MapReader s) {
        Optional<String> url = s.value("url", SectionsReader::httpUrl, "an http(s) URL");
        Optional<String> org = s.requiredString("organization");
        Optional<QueryTemplate> project = template(s, "project", QueryTemplate.Syntax.TEXT, true);
        Optional<QueryTemplate> release = s.has("release")
                ? template(s, "release", QueryTemplate.Syntax.TEXT, true)
                : Optional.of(new QueryTemplate(QueryTemplate.Placeholder.RELEASE.token(), QueryTemplate.Syntax.TEXT));
        Optional<QueryTemplate> environment = template(s, "environment", QueryTemplate.Syntax.TEXT, false);
        Optional<String> token = s.requiredString("token");
        return org.flatMap(o -> project.flatMap(p -> release.flatMap(rel -> token.map(
                t -> new RegressionSpec.Sentry(url.orElse("https://sentry.io"), o, p, rel, environment, t)))));
    }

    /** A template under {@code key}; a misused placeholder is reported at the value, with the key path. */
    private static Optional<QueryTemplate> template(
            MapReader r, String key, QueryTemplate.Syntax syntax, boolean required) {
        Optional<String> text = required ? r.requiredString(key) : r.string(key);
        return text.flatMap(t -> {
            try {
                return Optional.of(new QueryTemplate(t, syntax));
            } catch (IllegalArgumentException e) {
                r.error(key, e.getMessage());
                return Optional.empty();
            }
        });
    }
}
