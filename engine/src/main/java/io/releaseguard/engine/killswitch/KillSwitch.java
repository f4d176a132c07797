package io.releaseguard.engine.killswitch;

import io.releaseguard.engine.config.KillSwitchSpec;
import io.releaseguard.engine.health.HealthProbe;
import io.releaseguard.engine.health.ProbeRequest;
import io.releaseguard.engine.health.ProbeResult;
import io.releaseguard.engine.secret.Redactor;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the kill switch, immediately before every production call and between batches. Sources: an environment
 * variable (a true value engages it), a file (its existence engages it; its first line is the reason), or an HTTP
 * endpoint whose JSON value at a pointer is {@code true} when engaged. Anything else, including a value that is
 * neither true nor false or an endpoint that does not answer within {@code 5s} (the whole exchange, through the
 * engine's one HTTP client), fails closed.
 */
public final class KillSwitch {
    private static final Set<String> TRUE = Set.of("1", "true", "yes", "on", "engaged");
    private static final Set<String> FALSE = Set.of("", "0", "false", "no", "off");
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(5);
    private static final long MAX_BODY_BYTES = 64 * 1024;

    private final KillSwitchSpec spec;
    private final Map<String, String> environment;
    private final Path baseDir;
    private final HealthProbe http;

    public KillSwitch(KillSwitchSpec spec, Map<String, String> environment, Path baseDir, HealthProbe http) {
        this.spec = spec;
        this.environment = Map.copyOf(environment);
        this.baseDir = baseDir;
        this.http = http;
    }

    public KillSwitchState read() {
        if (spec instanceof KillSwitchSpec.EnvVar e) {
            return fromText("environment variable " + e.name(), environment.get(e.name()));
        }
        if (spec instanceof KillSwitchSpec.File f) {
            return fromFile(f);
        }
        return fromHttp((KillSwitchSpec.Http) spec);
    }

    private static KillSwitchState fromText(String source, String value) {
        if (value == null) {
            return KillSwitchState.off(source);
        }
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (TRUE.contains(v)) {
            return KillSwitchState.on(source, "set to \"" + value.strip() + "\" (engaged)");
        }
        if (FALSE.contains(v)) {
            return KillSwitchState.off(source);
        }
        return KillSwitchState.unreadable(source, "\"" + value.strip() + "\" is neither true nor false");
    }

    private KillSwitchState fromFile(KillSwitchSpec.File f) {
        Path path = baseDir.resolve(f.path());
        String source = "file " + path;
        try {
            String content = Files.readString(path, StandardCharsets.UTF_8).strip();
            String firstLine = content.lines().findFirst().orElse("");
            return KillSwitchState.on(source, "present (engaged)" + (firstLine.isEmpty() ? "" : ": " + firstLine));
        } catch (NoSuchFileException e) {
            return KillSwitchState.off(source);
        } catch (IOException | RuntimeException e) {
            return KillSwitchState.unreadable(source, e.getClass().getSimpleName());
        }
    }

    private KillSwitchState fromHttp(KillSwitchSpec.Http h) {
        String source = "GET " + Redactor.url(h.url()) + " " + h.pointer();
        try {
            ProbeResult r = http.probe(ProbeRequest.get(
                    URI.create(h.url()), Map.of("Accept", "application/json"), HTTP_TIMEOUT, MAX_BODY_BYTES));
            if (r instanceof ProbeResult.Failure f) {
                return KillSwitchState.unreadable(source, Redactor.text(f.detail()));
            }
            ProbeResult.Response response = (ProbeResult.Response) r;
            if (response.status() / 100 != 2) {
                return KillSwitchState.unreadable(source, "HTTP " + response.status());
            }
            var node = io.releaseguard.engine.JsonReports.MAPPER
                    .readTree(response.body())
                    .at(h.pointer());
            if (node.isBoolean()) {
                return node.asBoolean() ? KillSwitchState.on(source, "true (engaged)") : KillSwitchState.off(source);
            }
            return KillSwitchState.unreadable(source, "no boolean at " + h.pointer());
        } catch (IOException | RuntimeException e) {
            return KillSwitchState.unreadable(source, e.getClass().getSimpleName());
        }
    }
}
