package io.releaseguard.engine.notify;

import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.config.WebhookSpec;
import io.releaseguard.engine.health.HealthProbe;
import io.releaseguard.engine.health.ProbeRequest;
import io.releaseguard.engine.health.ProbeResult;
import io.releaseguard.engine.secret.Redactor;
import io.releaseguard.engine.secret.SecretRefs;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sends notifications to every webhook subscribed to their event. Delivery never breaks a promotion: each result
 * is returned (and audited by the caller), and every URL shown in a result is reduced to its scheme and host ({@link
 * Redactor#webhookUrl}), since a webhook URL is a credential whatever the host. Deliveries go through the engine's one
 * HTTP client, under a {@value #TIMEOUT_SECONDS} s deadline for the whole exchange.
 */
public final class WebhookNotifier implements Notifier {
    static final int TIMEOUT_SECONDS = 10;
    private static final Duration TIMEOUT = Duration.ofSeconds(TIMEOUT_SECONDS);
    /** Webhook answers are not read for content; a small cap keeps a chatty one cheap. */
    private static final long MAX_ANSWER_BYTES = 64 * 1024;

    private final List<WebhookSpec> webhooks;
    private final Map<String, String> environment;
    private final HealthProbe http;

    public WebhookNotifier(List<WebhookSpec> webhooks, Map<String, String> environment, HealthProbe http) {
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
        String shown = Redactor.webhookUrl(w.url());
        String url;
        try {
            url = secrets.resolve(w.url(), "webhook " + w.name());
        } catch (ReleaseGuardException e) {
            // An unset variable: the exception kind is all a result needs.
            return new Delivery(w.name(), shown, false, e.getClass().getSimpleName());
        }
        shown = Redactor.webhookUrl(secrets.mask(url));
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return new Delivery(w.name(), shown, false, "not a URL");
        }
        ProbeResult r = http.probe(new ProbeRequest(
                uri,
                "POST",
                Map.of("Content-Type", "application/json; charset=utf-8"),
                Optional.of(Payloads.render(w.format(), n).getBytes(StandardCharsets.UTF_8)),
                TIMEOUT,
                MAX_ANSWER_BYTES));
        if (r instanceof ProbeResult.Failure f) {
            // The client's messages never quote the URL; a resolved secret would still be masked here.
            return new Delivery(w.name(), shown, false, secrets.mask(f.detail()));
        }
        int status = ((ProbeResult.Response) r).status();
        return new Delivery(w.name(), shown, status / 100 == 2, "HTTP " + status);
    }
}
