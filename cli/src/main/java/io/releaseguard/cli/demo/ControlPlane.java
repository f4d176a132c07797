package io.releaseguard.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.releaseguard.cli.demo.Deployments.Instance;
import io.releaseguard.engine.release.ReleaseName;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The demo's control plane and webhook sink, one listener for every environment. A policy has one {@code
 * deploy.http.url} for all environments, so admin calls name theirs in the body ({@code "environment"}) or the query
 * ({@code ?environment=}); a world with a single environment needs neither. Routes: {@code GET /cp/tenants}, {@code
 * POST /cp/admin/tenants/redeploy-fleet}, {@code POST /cp/admin/services/<service>/deploy}, {@code POST
 * /hooks/<name>}.
 */
final class ControlPlane implements HttpHandler {
    /** Where things are: the environments, services, fleet and tenants, and each environment's fleet server. */
    record Layout(
            List<String> environments,
            List<String> services,
            String fleet,
            List<String> tenants,
            Map<String, String> fleetUrls) {}

    private static final String SERVICE_DEPLOY = "/cp/admin/services/";

    private final Layout layout;
    private final Deployments deployments;
    private final List<DemoWorld.WebhookPayload> hooks = new ArrayList<>();

    ControlPlane(Layout layout, Deployments deployments) {
        this.layout = layout;
        this.deployments = deployments;
    }

    List<DemoWorld.WebhookPayload> hooks() {
        synchronized (hooks) {
            return List.copyOf(hooks);
        }
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        if (path.equals("/cp/tenants") && method.equals("GET")) {
            tenants(exchange);
        } else if (path.startsWith("/hooks/") && method.equals("POST")) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            synchronized (hooks) {
                hooks.add(new DemoWorld.WebhookPayload(path.substring("/hooks/".length()), body));
            }
            Exchanges.answer(exchange, 200, Map.of("received", true));
        } else if (path.equals("/cp/admin/tenants/redeploy-fleet") && method.equals("POST")) {
            deploy(exchange, layout.fleet(), true);
        } else if (path.startsWith(SERVICE_DEPLOY) && path.endsWith("/deploy") && method.equals("POST")) {
            String service = path.substring(SERVICE_DEPLOY.length(), path.length() - "/deploy".length());
            if (!layout.services().contains(service)) {
                exchange.getRequestBody().readAllBytes();
                Exchanges.error(
                        exchange, 404, "no service '" + service + "'; known: " + String.join(", ", layout.services()));
                return;
            }
            deploy(exchange, service, false);
        } else {
            exchange.getRequestBody().readAllBytes();
            Exchanges.error(exchange, 404, "no route " + method + " " + path);
        }
    }

    private void tenants(HttpExchange exchange) throws IOException {
        Optional<String> env = environment(exchange, Optional.empty());
        if (env.isEmpty()) {
            Exchanges.error(exchange, 400, needEnvironment());
            return;
        }
        List<Map<String, String>> list = new ArrayList<>();
        for (String t : layout.tenants()) {
            list.add(Map.of("name", t, "url", layout.fleetUrls().get(env.get()) + "/t/" + t));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("environment", env.get());
        body.put("tenants", list);
        Exchanges.answer(exchange, 200, body);
    }

    private void deploy(HttpExchange exchange, String service, boolean fleet) throws IOException {
        Optional<String> key = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Idempotency-Key"));
        deployments.seen(key);
        JsonNode body = Exchanges.jsonBody(exchange);
        if (!body.isObject()) {
            Exchanges.error(exchange, 400, "send a JSON object such as {\"target_tag\": \"sha-abc1234\"}");
            return;
        }
        Optional<String> env = environment(exchange, Exchanges.text(body, "environment"));
        if (env.isEmpty()) {
            Exchanges.error(exchange, 400, needEnvironment());
            return;
        }
        Optional<String> release = Exchanges.text(body, "target_tag");
        if (release.isEmpty() || !validRelease(release.get())) {
            Exchanges.error(exchange, 400, "\"target_tag\" must be a release name such as sha-abc1234");
            return;
        }
        List<String> tenants;
        if (fleet) {
            Optional<List<String>> chosen = tenants(body);
            if (chosen.isEmpty()) {
                Exchanges.error(exchange, 400, "\"tenant\" must be a tenant name, \"tenants\" a list of them");
                return;
            }
            Set<String> unknown = new LinkedHashSet<>(chosen.get());
            layout.tenants().forEach(unknown::remove);
            if (!unknown.isEmpty()) {
                Exchanges.error(exchange, 404, "no tenant " + String.join(", ", unknown) + " in " + env.get());
                return;
            }
            tenants = chosen.get().isEmpty() ? layout.tenants() : chosen.get();
        } else {
            tenants = List.of("");
        }
        List<Instance> instances =
                tenants.stream().map(t -> new Instance(env.get(), service, t)).toList();
        if (!deployments.apply(key, instances, release.get())) {
            Exchanges.answer(exchange, 200, Map.of("duplicate", true));
            return;
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("applied", true);
        answer.put("environment", env.get());
        answer.put("service", service);
        answer.put("release", release.get());
        if (fleet) {
            answer.put("tenants", tenants);
        }
        Exchanges.answer(exchange, 200, answer);
    }

    /** The tenants a fleet deploy names: one ({@code tenant}), several ({@code tenants}) or, with neither, all. */
    private static Optional<List<String>> tenants(JsonNode body) {
        if (body.has("tenant")) {
            return Exchanges.text(body, "tenant").filter(t -> !t.isBlank()).map(List::of);
        }
        if (!body.has("tenants")) {
            return Optional.of(List.of());
        }
        JsonNode list = body.get("tenants");
        if (!list.isArray() || list.isEmpty()) {
            return Optional.empty();
        }
        List<String> names = new ArrayList<>();
        for (JsonNode n : list) {
            if (!n.isTextual() || n.asText().isBlank()) {
                return Optional.empty();
            }
            names.add(n.asText());
        }
        return Optional.of(names);
    }

    private Optional<String> environment(HttpExchange exchange, Optional<String> fromBody) {
        Optional<String> named = fromBody.or(() -> Exchanges.query(exchange, "environment"));
        if (named.isPresent()) {
            return named.filter(layout.environments()::contains);
        }
        return layout.environments().size() == 1
                ? Optional.of(layout.environments().get(0))
                : Optional.empty();
    }

    private String needEnvironment() {
        return "name a known environment (\"environment\" in the body or ?environment=): "
                + String.join(", ", layout.environments());
    }

    private static boolean validRelease(String text) {
        try {
            new ReleaseName(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
