package io.releaseguard.engine.notify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.releaseguard.engine.JsonReports;
import io.releaseguard.engine.config.WebhookSpec;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders a notification in each webhook format: Slack incoming webhooks ({@code text} plus Block Kit {@code
 * blocks}), Microsoft Teams (a legacy connector {@code MessageCard}, still accepted by Teams incoming webhooks and
 * Power Automate), and a generic JSON object with stable field names.
 */
final class Payloads {
    private Payloads() {}

    static String render(WebhookSpec.Format format, Notification n) {
        return switch (format) {
            case SLACK -> slack(n);
            case TEAMS -> teams(n);
            case JSON -> generic(n);
        };
    }

    private static String slack(Notification n) {
        ObjectNode root = JsonReports.MAPPER.createObjectNode();
        root.put("text", n.title() + ": " + n.text());
        ArrayNode blocks = root.putArray("blocks");
        ObjectNode header = blocks.addObject().put("type", "header");
        header.putObject("text").put("type", "plain_text").put("text", n.title());
        ObjectNode section = blocks.addObject().put("type", "section");
        section.putObject("text").put("type", "mrkdwn").put("text", n.text());
        ArrayNode fields = section.putArray("fields");
        facts(n).forEach((k, v) -> fields.addObject().put("type", "mrkdwn").put("text", "*" + k + "*\n" + v));
        return JsonReports.write(root);
    }

    private static String teams(Notification n) {
        ObjectNode root = JsonReports.MAPPER.createObjectNode();
        root.put("@type", "MessageCard");
        root.put("@context", "https://schema.org/extensions");
        root.put("summary", n.title());
        root.put("themeColor", color(n.event()));
        root.put("title", n.title());
        root.put("text", n.text());
        ArrayNode sections = root.putArray("sections");
        ArrayNode facts = sections.addObject().putArray("facts");
        facts(n).forEach((k, v) -> facts.addObject().put("name", k).put("value", v));
        return JsonReports.write(root);
    }

    private static String generic(Notification n) {
        ObjectNode root = JsonReports.MAPPER.createObjectNode();
        root.put("event", n.event().name());
        root.put("environment", n.environment());
        root.put("release", n.release());
        root.put("title", n.title());
        root.put("text", n.text());
        root.put("at", n.at().toString());
        ObjectNode facts = root.putObject("facts");
        new TreeMap<>(n.facts()).forEach(facts::put);
        return JsonReports.write(root);
    }

    private static Map<String, String> facts(Notification n) {
        Map<String, String> all = new TreeMap<>(n.facts());
        all.put("environment", n.environment());
        all.put("release", n.release());
        return all;
    }

    private static String color(WebhookSpec.Event event) {
        return switch (event) {
            case LIVE -> "2EB886";
            case FAILED, ROLLED_BACK, ONCALL_ROLLBACK -> "D40E0D";
            default -> "3AA3E3";
        };
    }
}
