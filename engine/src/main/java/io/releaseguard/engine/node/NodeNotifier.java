package io.releaseguard.engine.node;

import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.config.WebhookSpec;
import io.releaseguard.engine.notify.Notification;
import io.releaseguard.engine.notify.Notifier;
import io.releaseguard.engine.notify.WebhookNotifier.Delivery;
import io.releaseguard.engine.promotion.PromotionAdapters;
import io.releaseguard.engine.secret.Redactor;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Webhooks sent from the node, so a policy's webhook URLs are reached from the build's network and never from the
 * controller's. A node that cannot be asked is a failed delivery for every webhook of the event, audited like any
 * other.
 */
public final class NodeNotifier implements Notifier {
    private final NodeExecutor node;
    private final NodeSite site;
    private final List<WebhookSpec> webhooks;

    public NodeNotifier(NodeExecutor node, NodeSite site, List<WebhookSpec> webhooks) {
        this.node = node;
        this.site = site;
        this.webhooks = List.copyOf(webhooks);
    }

    @Override
    public List<Delivery> send(Notification n) {
        if (webhooks.stream().noneMatch(w -> w.events().contains(n.event()))) {
            return List.of();
        }
        try {
            return node
                    .call(new Call(
                            site,
                            n.event(),
                            n.environment(),
                            n.release(),
                            n.title(),
                            n.text(),
                            n.at(),
                            new TreeMap<>(n.facts())))
                    .deliveries()
                    .stream()
                    .map(d -> new Delivery(d[0], d[1], Boolean.parseBoolean(d[2]), d[3]))
                    .toList();
        } catch (ReleaseGuardException e) {
            return webhooks.stream()
                    .filter(w -> w.events().contains(n.event()))
                    .map(w -> new Delivery(
                            w.name(),
                            Redactor.url(w.url()),
                            false,
                            "the build's node did not answer: " + e.getMessage()))
                    .toList();
        }
    }

    record Call(
            NodeSite site,
            WebhookSpec.Event event,
            String environment,
            String release,
            String title,
            String text,
            Instant at,
            Map<String, String> facts)
            implements NodeTask<Answer> {
        private static final long serialVersionUID = 1L;

        @Override
        public Answer run() throws ReleaseGuardException {
            try (PromotionAdapters adapters = site.adapters()) {
                List<String[]> out = new ArrayList<>();
                for (Delivery d : adapters.notifier()
                        .send(new Notification(event, environment, release, title, text, at, facts))) {
                    out.add(new String[] {d.webhook(), d.target(), String.valueOf(d.delivered()), d.detail()});
                }
                return new Answer(out);
            }
        }
    }

    /** Each delivery as {@code [webhook, masked target, delivered, detail]}. */
    record Answer(List<String[]> deliveries) implements Serializable {
        private static final long serialVersionUID = 1L;

        Answer {
            deliveries = new ArrayList<>(deliveries);
        }
    }
}
