package io.releaseguard.cli.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.releaseguard.cli.demo.Deployments.Instance;
import io.releaseguard.cli.demo.Deployments.Running;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /health} and {@code GET /buildinfo} of one plain service in one environment, or of every tenant of a
 * fleet under {@code /t/<tenant>/health} and {@code /t/<tenant>/buildinfo} (one server for a whole fleet, so a
 * thousand tenants cost one port). Answers follow the running release and any {@link Breakage} set for it.
 */
final class InstanceHandler implements HttpHandler {
    private static final String TENANT_PREFIX = "/t/";

    private final Deployments deployments;
    private final LoopbackServers servers;
    private final String environment;
    private final String service;
    private final boolean fleet;
    private final Duration slowDelay;

    InstanceHandler(
            Deployments deployments,
            LoopbackServers servers,
            String environment,
            String service,
            boolean fleet,
            Duration slowDelay) {
        this.deployments = deployments;
        this.servers = servers;
        this.environment = environment;
        this.service = service;
        this.fleet = fleet;
        this.slowDelay = slowDelay;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        String path = exchange.getRequestURI().getPath();
        String tenant = "";
        if (fleet) {
            int slash = path.startsWith(TENANT_PREFIX) ? path.indexOf('/', TENANT_PREFIX.length()) : -1;
            if (slash < 0) {
                Exchanges.error(exchange, 404, "fleet paths are /t/<tenant>/health and /t/<tenant>/buildinfo");
                return;
            }
            tenant = path.substring(TENANT_PREFIX.length(), slash);
            path = path.substring(slash);
        }
        Instance instance = new Instance(environment, service, tenant);
        if (!deployments.exists(instance)) {
            Exchanges.error(exchange, 404, "no tenant '" + tenant + "' of " + service + " in " + environment);
            return;
        }
        if (!exchange.getRequestMethod().equals("GET")
                && !exchange.getRequestMethod().equals("HEAD")) {
            Exchanges.error(exchange, 405, "use GET");
            return;
        }
        Running running = deployments.running(instance);
        Optional<Breakage> breakage = deployments.breakage(service, running.release());
        switch (path) {
            case "/health" -> health(exchange, instance, running.release(), breakage);
            case "/buildinfo" -> {
                boolean stale =
                        breakage.filter(b -> b == Breakage.STALE_BUILDINFO).isPresent();
                String reported = stale ? running.previous() : running.release();
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("git_sha", DemoWorld.shaOf(reported));
                body.put("version", reported);
                Exchanges.answer(exchange, 200, body);
            }
            default -> Exchanges.error(exchange, 404, "no " + path + " here; try /health or /buildinfo");
        }
    }

    private void health(HttpExchange exchange, Instance instance, String release, Optional<Breakage> breakage)
            throws IOException {
        int latency = 2 + Math.floorMod((instance.environment() + instance.tenant()).hashCode(), 9);
        Breakage b = breakage.orElse(null);
        if (b == Breakage.HEALTH_500) {
            Exchanges.answer(
                    exchange, 500, body("error", release, latency, Optional.of("database connection refused")));
        } else if (b == Breakage.WRONG_JSON) {
            Exchanges.answer(exchange, 200, body("degraded", release, 870, Optional.of("replica lag 38s")));
        } else if (b == Breakage.SLOW) {
            Map<String, Object> late = body("ok", release, latency, Optional.empty());
            servers.later(slowDelay, () -> {
                try {
                    Exchanges.answer(exchange, 200, late);
                } catch (IOException e) {
                    // The client gave up waiting, which is the point of a slow answer.
                }
            });
        } else {
            Exchanges.answer(exchange, 200, body("ok", release, latency, Optional.empty()));
        }
    }

    private static Map<String, Object> body(String status, String release, int latencyMs, Optional<String> error) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("version", release);
        body.put("db", Map.of("latencyMs", latencyMs));
        error.ifPresent(e -> body.put("error", e));
        return body;
    }
}
