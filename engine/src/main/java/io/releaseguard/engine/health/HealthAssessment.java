package io.releaseguard.engine.health;

import com.fasterxml.jackson.databind.JsonNode;
import io.releaseguard.engine.config.HealthCheckSpec;
import io.releaseguard.engine.config.HealthCheckSpec.JsonAssertion;
import io.releaseguard.engine.config.Severity;
import io.releaseguard.engine.secret.Redactor;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Decides what a probe's observation means for a check: the status must be expected, a body that JSON assertions look
 * at must be UTF-8 JSON, and each assertion must hold at its JSON Pointer (RFC 6901). Each failed assertion is FAIL,
 * capped to WARN by its own or the check's {@code warn} severity; the worst wins. Every message shows the observed
 * value against the expected one. Pure: no I/O, no clock.
 */
public final class HealthAssessment {
    private static final int EXCERPT = 80;

    private HealthAssessment() {}

    /** Judges one observation of {@code check}; {@code release} replaces {@code ${release}} in {@code equals}. */
    public static Assessment assess(HealthCheckSpec check, ProbeResult result, Optional<String> release) {
        return assess(check, result, release, List.of());
    }

    /**
     * As {@link #assess(HealthCheckSpec, ProbeResult, Optional)}, with {@code secrets} (the check's resolved
     * credentials) masked in body excerpts before they are cut, so no part of an echoed secret is shown.
     */
    public static Assessment assess(
            HealthCheckSpec check, ProbeResult result, Optional<String> release, Collection<String> secrets) {
        if (result instanceof ProbeResult.Failure f) {
            return new Assessment(Verdict.FAIL.capped(check.severity()), f.detail());
        }
        ProbeResult.Response r = (ProbeResult.Response) result;
        if (!check.expectStatus().contains(r.status())) {
            String location = r.location().map(l -> " (redirect to " + l + ")").orElse("");
            return fail(
                    check,
                    "status " + r.status() + location + ", expected " + expected(check) + describeBody(r, secrets));
        }
        List<String> failures = new ArrayList<>();
        Verdict verdict = Verdict.PASS;
        boolean needsText = !check.json().isEmpty() || check.bodyMatches().isPresent();
        Optional<String> text = Optional.empty();
        if (needsText) {
            text = utf8(r.body());
            if (text.isEmpty()) {
                return fail(check, "body is not valid UTF-8 (" + r.body().length + " bytes), expected UTF-8 text");
            }
        }
        if (!check.json().isEmpty()) {
            Optional<JsonNode> doc = parse(text.get());
            if (doc.isEmpty()) {
                return fail(
                        check,
                        "body is not JSON" + describeBody(r, secrets) + ", expected a JSON document for "
                                + check.json().size() + " assertion"
                                + (check.json().size() == 1 ? "" : "s"));
            }
            for (JsonAssertion a : check.json()) {
                Optional<String> problem = JsonAssertions.check(a, doc.get(), release, secrets);
                if (problem.isPresent()) {
                    Severity severity = a.severity().orElse(check.severity());
                    verdict =
                            Verdict.worst(verdict, Verdict.FAIL.capped(severity).capped(check.severity()));
                    failures.add(problem.get()
                            + (severity == Severity.WARN && check.severity() == Severity.FATAL ? " (warn)" : ""));
                }
            }
        }
        if (check.bodyMatches().isPresent()
                && !check.bodyMatches().get().matcher(text.get()).find()) {
            verdict = Verdict.worst(verdict, Verdict.FAIL.capped(check.severity()));
            failures.add(
                    "body does not match /" + check.bodyMatches().get().pattern() + "/" + describeBody(r, secrets));
        }
        if (failures.isEmpty()) {
            int n = check.json().size() + (check.bodyMatches().isPresent() ? 1 : 0);
            return new Assessment(
                    Verdict.PASS,
                    "status " + r.status() + (n == 0 ? "" : "; " + n + " assertion" + (n == 1 ? "" : "s") + " held"));
        }
        return new Assessment(verdict, String.join("; ", failures));
    }

    /**
     * Whether another attempt may change the outcome: connection errors, timeouts and 5xx statuses are retried; a
     * TLS error, an oversized body or any other status is final.
     */
    public static boolean retryable(ProbeResult result) {
        if (result instanceof ProbeResult.Failure f) {
            return f.kind().retryable();
        }
        return ((ProbeResult.Response) result).status() >= 500;
    }

    /** A short, printable excerpt of a line or value the server sent, for messages. */
    static String excerpt(String text) {
        return excerpt(text, List.of());
    }

    /** A short, printable excerpt of a body with {@code secrets} masked before it is cut ({@link Redactor#excerpt}). */
    static String excerpt(String text, Collection<String> secrets) {
        return Redactor.excerpt(text, EXCERPT, secrets);
    }

    private static Assessment fail(HealthCheckSpec check, String message) {
        return new Assessment(Verdict.FAIL.capped(check.severity()), message);
    }

    private static String expected(HealthCheckSpec check) {
        return check.expectStatus().size() == 1
                ? String.valueOf(check.expectStatus().get(0))
                : "one of " + check.expectStatus().stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    private static String describeBody(ProbeResult.Response r, Collection<String> secrets) {
        if (r.body().length == 0) {
            return " (empty body)";
        }
        String type = r.contentType().map(t -> t + ", ").orElse("");
        String shown =
                utf8(r.body()).map(t -> ": \"" + excerpt(t, secrets) + "\"").orElse(": not UTF-8");
        return " (" + type + r.body().length + " bytes" + shown + ")";
    }

    private static Optional<String> utf8(byte[] body) {
        try {
            return Optional.of(StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    private static Optional<JsonNode> parse(String text) {
        return text.isBlank() ? Optional.empty() : JsonDocuments.parse(text);
    }
}
