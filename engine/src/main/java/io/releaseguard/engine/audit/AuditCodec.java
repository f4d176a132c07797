package io.releaseguard.engine.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * Encodes audit records as lines and decides their hashes. The canonical form of a record is this exact JSON, with
 * no whitespace: {@code {"seq":N,"at":"<Instant.toString()>","actor":S,"action":S,"environment":S|null,"subject":S,
 * "verdict":S,"reason":S,"details":{"k":"v",...},"prevHash":"<hex>"}} with details sorted by key
 * ({@link String#compareTo}); strings escape {@code "} and {@code \} with a backslash, U+0008/9/A/C/D as
 * {@code \b \t \n \f \r}, every other character below U+0020 and every unpaired surrogate as {@code \}{@code uXXXX}
 * (lowercase hex), and are otherwise written verbatim in UTF-8. The hash is the lowercase hex SHA-256 of those bytes;
 * the stored line is the canonical form with {@code ,"hash":"<hex>"} added before the closing brace, then {@code \n}.
 */
public final class AuditCodec {
    private static final JsonFactory JSON = new JsonFactory();
    private static final HexFormat HEX = HexFormat.of();
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(AuditCodec::sha256);

    private AuditCodec() {}

    /** Makes the stored record for {@code entry} as number {@code seq} following {@code prevHash}. */
    public static AuditRecord seal(long seq, Instant at, AuditEntry entry, String prevHash) {
        String hash = hash(canonical(seq, at, entry, prevHash));
        return new AuditRecord(
                seq,
                at,
                entry.actor(),
                entry.action(),
                entry.environment(),
                entry.subject(),
                entry.verdict(),
                entry.reason(),
                entry.details(),
                prevHash,
                hash);
    }

    /** The hash a record should carry, recomputed from its fields. */
    public static String expectedHash(AuditRecord record) {
        return hash(canonical(record.seq(), record.at(), record.entry(), record.prevHash()));
    }

    /** The canonical form (everything but {@code hash}) as a string. */
    public static String canonical(long seq, Instant at, AuditEntry entry, String prevHash) {
        StringBuilder out = new StringBuilder(256);
        out.append("{\"seq\":").append(seq);
        out.append(",\"at\":");
        string(out, at.toString());
        field(out, "actor", entry.actor());
        field(out, "action", entry.action());
        field(out, "environment", entry.environment());
        field(out, "subject", entry.subject());
        field(out, "verdict", entry.verdict());
        field(out, "reason", entry.reason());
        out.append(",\"details\":{");
        boolean first = true;
        for (Map.Entry<String, String> detail : entry.details().entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            string(out, detail.getKey());
            out.append(':');
            string(out, detail.getValue());
        }
        out.append('}');
        field(out, "prevHash", prevHash);
        return out.append('}').toString();
    }

    /** The stored line for {@code record}, newline included. */
    public static byte[] line(AuditRecord record) {
        String canonical = canonical(record.seq(), record.at(), record.entry(), record.prevHash());
        String line = canonical.substring(0, canonical.length() - 1) + ",\"hash\":\"" + record.hash() + "\"}\n";
        return line.getBytes(StandardCharsets.UTF_8);
    }

    /** Lowercase hex SHA-256 of the UTF-8 bytes of {@code canonical}. */
    public static String hash(String canonical) {
        return HEX.formatHex(SHA256.get().digest(canonical.getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /**
     * Parses one stored line (without its newline). Fields may come in any order; a missing, extra or mistyped field
     * makes the line unparsable.
     */
    public static AuditRecord parse(byte[] bytes, int offset, int length) throws UnparsableLineException {
        try (JsonParser p = JSON.createParser(bytes, offset, length)) {
            expect(p.nextToken() == JsonToken.START_OBJECT, "not a JSON object");
            Long seq = null;
            String at = null, actor = null, action = null, environment = null, subject = null;
            String verdict = null, reason = null, prevHash = null, hash = null;
            boolean sawEnvironment = false;
            Map<String, String> details = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "seq" -> {
                        expect(value == JsonToken.VALUE_NUMBER_INT, "seq is not an integer");
                        seq = p.getLongValue();
                    }
                    case "environment" -> {
                        sawEnvironment = true;
                        environment = value == JsonToken.VALUE_NULL ? null : text(p, name);
                    }
                    case "details" -> details = details(p);
                    case "at" -> at = text(p, name);
                    case "actor" -> actor = text(p, name);
                    case "action" -> action = text(p, name);
                    case "subject" -> subject = text(p, name);
                    case "verdict" -> verdict = text(p, name);
                    case "reason" -> reason = text(p, name);
                    case "prevHash" -> prevHash = text(p, name);
                    case "hash" -> hash = text(p, name);
                    default -> throw new UnparsableLineException("unknown field \"" + name + '"');
                }
            }
            expect(p.currentToken() == JsonToken.END_OBJECT, "not a JSON object");
            expect(p.nextToken() == null, "trailing content after the record");
            expect(
                    seq != null
                            && at != null
                            && actor != null
                            && action != null
                            && sawEnvironment
                            && subject != null
                            && verdict != null
                            && reason != null
                            && details != null
                            && prevHash != null
                            && hash != null,
                    "a field is missing");
            return new AuditRecord(
                    seq,
                    Instant.parse(at),
                    actor,
                    action,
                    environment,
                    subject,
                    verdict,
                    reason,
                    details,
                    prevHash,
                    hash);
        } catch (IOException | DateTimeException e) {
            throw new UnparsableLineException(e.getMessage().lines().findFirst().orElse("invalid JSON"));
        }
    }

    private static Map<String, String> details(JsonParser p) throws IOException, UnparsableLineException {
        expect(p.currentToken() == JsonToken.START_OBJECT, "details is not an object");
        Map<String, String> details = new TreeMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            p.nextToken();
            details.put(key, text(p, "details." + key));
        }
        return details;
    }

    private static String text(JsonParser p, String name) throws IOException, UnparsableLineException {
        expect(p.currentToken() == JsonToken.VALUE_STRING, name + " is not a string");
        return p.getText();
    }

    private static void expect(boolean condition, String problem) throws UnparsableLineException {
        if (!condition) {
            throw new UnparsableLineException(problem);
        }
    }

    private static void field(StringBuilder out, String name, String value) {
        out.append(",\"").append(name).append("\":");
        if (value == null) {
            out.append("null");
        } else {
            string(out, value);
        }
    }

    private static void string(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\f' -> out.append("\\f");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20 || unpairedSurrogate(value, i)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static boolean unpairedSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
        }
        return Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1)));
    }

    /** A stored line that is not a well-formed audit record. */
    public static final class UnparsableLineException extends Exception {
        private static final long serialVersionUID = 1L;

        UnparsableLineException(String message) {
            super(message);
        }
    }
}
