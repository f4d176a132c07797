package io.releaseguard.engine.notify;

import java.util.List;

/**
 * Port: tells the policy's webhooks about a notification and reports each delivery. Never throws: a webhook that
 * cannot be reached is a delivery that failed, audited by the caller, and never stops a promotion.
 */
@FunctionalInterface
public interface Notifier {
    List<WebhookNotifier.Delivery> send(Notification n);
}
