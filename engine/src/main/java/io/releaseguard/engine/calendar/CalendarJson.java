package io.releaseguard.engine.calendar;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The JSON shapes of calendar answers, a public contract ({@code window --json}, {@code calendar --format json}):
 * instants in UTC with {@code Z}, absent instants as {@code null}, keys in a fixed order.
 */
public final class CalendarJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private CalendarJson() {}

    /**
     * {@code {"environment","at","verdict","reasons":[...],"overridden":[...],"nextOpen"}}; each reason is {@code
     * {"code","name","message","until"}}.
     */
    public static ObjectNode decision(CalendarDecision d) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("environment", d.environment());
        o.put("at", d.at().toString());
        o.put("verdict", d.verdict().name());
        o.set("reasons", reasons(d.reasons()));
        o.set("overridden", reasons(d.overridden()));
        putInstant(o, "nextOpen", d.nextOpen());
        return o;
    }

    private static ArrayNode reasons(List<Reason> reasons) {
        ArrayNode a = MAPPER.createArrayNode();
        for (Reason r : reasons) {
            ObjectNode o = a.addObject();
            o.put("code", r.code().name());
            o.put("name", r.name());
            o.put("message", r.message());
            putInstant(o, "until", r.until());
        }
        return a;
    }

    /** {@code {"from","to","entries":[{"kind","name","environments","start","end","rule","frozenBy"}]}}; endless ends
     * are null; {@code frozenBy} names the freezes a window lies in (empty when it is open). */
    public static ObjectNode entries(Instant from, Instant to, List<CalendarEntry> entries) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("from", from.toString());
        o.put("to", to.toString());
        ArrayNode a = o.putArray("entries");
        for (CalendarEntry e : entries) {
            ObjectNode n = a.addObject();
            n.put("kind", e.kind().name());
            n.put("name", e.name());
            ArrayNode envs = n.putArray("environments");
            e.environments().forEach(envs::add);
            n.put("start", e.start().toString());
            putInstant(n, "end", e.end().equals(Instant.MAX) ? Optional.empty() : Optional.of(e.end()));
            n.put("rule", e.rule());
            ArrayNode frozenBy = n.putArray("frozenBy");
            e.frozenBy().forEach(frozenBy::add);
        }
        return o;
    }

    private static void putInstant(ObjectNode o, String key, Optional<Instant> value) {
        if (value.isPresent()) {
            o.put(key, value.get().toString());
        } else {
            o.putNull(key);
        }
    }

    /** Compact one-line JSON, as printed by the CLI. */
    public static String write(ObjectNode node) {
        return node.toString();
    }
}
