package io.releaseguard.engine.notify;

import io.releaseguard.engine.config.WebhookSpec;
import io.releaseguard.engine.secret.Redactor;
import io.releaseguard.engine.secret.SecretRefs;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Sends notifications to every webhook subscribed to their event. Delivery never breaks a promotion: each result
 * is returned (and audited by the caller), and every URL shown in a result is masked, since webhook URLs are
 * credentials.
 */
public final class WebhookNotifier implements Notifier {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final List<WebhookSpec> webhooks;
    private final Map<String, String> environment;
    private final HttpClient http;

    public WebhookNotifier(List<WebhookSpec> webhooks, Map<String, String> environment, HttpClient http) {
        this.webhooks = List.copyOf(webhooks);
        this.environment = Map.copyOf(environment);
        this.http = http;
    }

    /** What happened to one delivery; {@code target} is the webhook's name and masked URL. */
    public record Delivery(String webhook, String target, boolean delivered, String detail) {}

    @Override
    public List<Delivery> send(Notification n) {
        List<Delivery> results = new ArrayList<>();
        for (WebhookSpec w : webhooks) {
            if (w.events().contains(n.event())) {
                results.add(deliver(w, n));
            }
        }
        return results;
    }

    private Delivery deliver(WebhookSpec w, Notification n) {
        SecretRefs secrets = new SecretRefs(environment);
        String shown = Redactor.url(w.url());
        try {
            String url = secrets.resolve(w.url(), "webhook " + w.name());
            shown = secrets.maskUrl(url);
            HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(TIMEOUT)
                    .header("Content-Type", "application/json; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString(Payloads.render(w.format(), n), StandardCharsets.UTF_8))
                    .build();
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            boolean ok = response.statusCode() / 100 == 2;
            return new Delivery(w.name(), shown, ok, "HTTP " + response.statusCode());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Delivery(w.name(), shown, false, "interrupted");
        } catch (Exception e) {
            // The exception text may quote the URL: report only its kind.
            return new Delivery(w.name(), shown, false, e.getClass().getSimpleName());
        }
    }
}
