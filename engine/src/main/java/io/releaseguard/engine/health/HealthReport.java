package io.releaseguard.engine.health;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.releaseguard.engine.ExitCode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * The answer of a health gate for one environment: every check's result and the worst of them. {@link #toJson} (the
 * same text {@link io.releaseguard.engine.JsonReports} writes for it) is exactly the {@code health --json} contract.
 */
public record HealthReport(
        String environment, Verdict verdict, List<CheckResult> checks, Optional<BuildInfoReport> buildinfo) {
    public HealthReport {
        checks = List.copyOf(checks);
    }

    /**
     * The documented exit code: 0 on PASS, 4 on FAIL, and 4 on WARN unless {@code failOnFatalOnly}, when warnings are
     * shown but do not fail the gate. INCONCLUSIVE (not produced by health checks) is treated like FAIL.
     */
    public ExitCode exitCode(boolean failOnFatalOnly) {
        return switch (verdict) {
            case PASS -> ExitCode.OK;
            case WARN -> failOnFatalOnly ? ExitCode.OK : ExitCode.CHECK_FAILED;
            case INCONCLUSIVE, FAIL -> ExitCode.CHECK_FAILED;
        };
    }

    private static final JsonFactory JSON = new JsonFactory();

    /**
     * The {@code health --json} document, written with the streaming generator: a run over thousands of endpoints is
     * often a short-lived process, where setting up the object mapper costs more than the report (a test holds the
     * two to the same text).
     */
    public String toJson() {
        StringWriter out = new StringWriter(256 + 256 * checks.size());
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("environment", environment);
            g.writeStringField("verdict", verdict.name());
            g.writeArrayFieldStart("checks");
            for (CheckResult c : checks) {
                g.writeStartObject();
                g.writeStringField("service", c.service());
                g.writeStringField("tenant", c.tenant().orElse(null));
                g.writeStringField("check", c.check());
                g.writeStringField("url", c.url());
                g.writeStringField("verdict", c.verdict().name());
                g.writeStringField("severity", c.severity().name());
                g.writeFieldName("status");
                if (c.status().isPresent()) {
                    g.writeNumber(c.status().getAsInt());
                } else {
                    g.writeNull();
                }
                g.writeNumberField("latencyMs", c.latencyMs());
                g.writeStringField("message", c.message());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeFieldName("buildinfo");
            if (buildinfo.isEmpty()) {
                g.writeNull();
            } else {
                g.writeStartObject();
                g.writeStringField("expected", buildinfo.get().expected());
                g.writeArrayFieldStart("mismatches");
                for (BuildInfoReport.Mismatch m : buildinfo.get().mismatches()) {
                    g.writeStartObject();
                    g.writeStringField("tenant", m.tenant());
                    g.writeStringField("reported", m.reported().orElse(null));
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to a string failed", e);
        }
        return out.toString();
    }
}
