package io.releaseguard.cli.demo;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.releaseguard.cli.demo.Deployments.Instance;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small production on 127.0.0.1 for the demo, end-to-end tests and benchmarks: per environment, plain services
 * (one server each, {@code /health} and {@code /buildinfo}) and a fleet of tenants served by one server under {@code
 * /t/<tenant>/...}; plus one control plane that lists tenants, applies deploys once per {@code Idempotency-Key} and
 * records webhooks. Everything starts on ephemeral ports, and {@link #close} returns only when every thread the
 * world started has ended.
 */
public final class DemoWorld implements AutoCloseable {
    /**
     * What to start: environments, plain services, the fleet service and its tenant count, the release everything
     * runs at first, how late a {@link Breakage#SLOW} answer comes, and the size of the shared handler pool.
     */
    public record Options(
            List<String> environments,
            List<String> services,
            String fleet,
            int tenants,
            String initialRelease,
            Duration slowDelay,
            int threads) {
        public Options {
            environments = List.copyOf(environments);
            services = List.copyOf(services);
            if (environments.isEmpty() || tenants < 1 || threads < 1) {
                throw new IllegalArgumentException("a world needs an environment, a tenant and a thread");
            }
        }

        /** The demo's world: testnet and mainnet, services api and web, fleet ledger of 12 tenants. */
        public static Options demo() {
            return new Options(
                    List.of("testnet", "mainnet"),
                    List.of("api", "web"),
                    "ledger",
                    12,
                    "sha-5e6f7a8",
                    Duration.ofSeconds(5),
                    8);
        }

        public Options withTenants(int count) {
            return new Options(environments, services, fleet, count, initialRelease, slowDelay, threads);
        }

        public Options withEnvironments(String... names) {
            return new Options(List.of(names), services, fleet, tenants, initialRelease, slowDelay, threads);
        }

        public Options withSlowDelay(Duration delay) {
            return new Options(environments, services, fleet, tenants, initialRelease, delay, threads);
        }
    }

    /** One webhook delivery received at {@code POST /hooks/<hook>}, body as sent. */
    public record WebhookPayload(String hook, String body) {}

    private static final Pattern SHA_TAG = Pattern.compile("(?:sha-)?([0-9a-f]{7,40})");

    private final Options options;
    private final LoopbackServers servers;
    private final Deployments deployments = new Deployments();
    private final List<String> tenantNames;
    private final Map<String, String> endpoints = new LinkedHashMap<>();
    private final Map<String, String> fleetUrls = new LinkedHashMap<>();
    private final ControlPlane controlPlane;
    private final String controlPlaneUrl;

    private DemoWorld(Options options) throws IOException {
        this.options = options;
        this.servers = new LoopbackServers("demo-world", options.threads());
        this.tenantNames = names(options.tenants());
        List<HttpHandler> handlers = new ArrayList<>();
        for (String env : options.environments()) {
            for (String service : options.services()) {
                deployments.place(new Instance(env, service, ""), options.initialRelease());
                handlers.add(instances(env, service, false));
            }
            tenantNames.forEach(
                    t -> deployments.place(new Instance(env, options.fleet(), t), options.initialRelease()));
            handlers.add(instances(env, options.fleet(), true));
        }
        try {
            List<HttpServer> started = servers.start(handlers);
            int i = 0;
            for (String env : options.environments()) {
                for (String service : options.services()) {
                    endpoints.put(key(env, service), LoopbackServers.url(started.get(i++)));
                }
                fleetUrls.put(env, LoopbackServers.url(started.get(i++)));
            }
            this.controlPlane = new ControlPlane(
                    new ControlPlane.Layout(
                            options.environments(), options.services(), options.fleet(), tenantNames, fleetUrls),
                    deployments);
            this.controlPlaneUrl = LoopbackServers.url(
                    servers.start(List.of(Exchanges.guarded(controlPlane))).get(0));
        } catch (IOException | RuntimeException e) {
            servers.close();
            throw e;
        }
    }

    /** Starts the demo's world ({@link Options#demo()}). */
    public static DemoWorld start() throws IOException {
        return start(Options.demo());
    }

    public static DemoWorld start(Options options) throws IOException {
        return new DemoWorld(options);
    }

    /**
     * The commit a release is built from: {@code sha-abc1234} (or a bare {@code abc1234}, 7 to 40 hex digits) names
     * {@code abc1234} padded with zeros to 40; any other tag maps to the first 12 hex digits of its SHA-256.
     */
    public static String shaOf(String release) {
        Matcher m = SHA_TAG.matcher(release.toLowerCase(Locale.ROOT));
        if (m.matches()) {
            return (m.group(1) + "0".repeat(40)).substring(0, 40);
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(release.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    public List<String> environments() {
        return options.environments();
    }

    /** The plain (single-instance) services, in rollout order. */
    public List<String> services() {
        return options.services();
    }

    /** The fleet service's name. */
    public String fleet() {
        return options.fleet();
    }

    /** The release every instance ran when the world started. */
    public String initialRelease() {
        return options.initialRelease();
    }

    /** Base URL of a plain service in an environment ({@code GET <url>/health}, {@code GET <url>/buildinfo}). */
    public String endpoint(String environment, String service) {
        String url = endpoints.get(key(environment, service));
        if (url == null) {
            throw new IllegalArgumentException("no plain service " + service + " in " + environment);
        }
        return url;
    }

    /** The tenant list of an environment: {@code {"tenants": [{"name", "url"}]}}. */
    public String tenantsUrl(String environment) {
        requireEnvironment(environment);
        return controlPlaneUrl + "/cp/tenants?environment=" + environment;
    }

    /** Base URL of one tenant ({@code <url>/health}, {@code <url>/buildinfo}). */
    public String tenantUrl(String environment, String tenant) {
        requireEnvironment(environment);
        if (!tenantNames.contains(tenant)) {
            throw new IllegalArgumentException("no tenant " + tenant);
        }
        return fleetUrls.get(environment) + "/t/" + tenant;
    }

    /**
     * Base URL of the control plane serving {@code environment}; all environments share one listener and name
     * themselves in each call, so one {@code deploy.http.url} serves every environment of a policy.
     */
    public String controlPlane(String environment) {
        requireEnvironment(environment);
        return controlPlaneUrl;
    }

    /** Where the webhook sink receives notifications called {@code name}. */
    public String webhookUrl(String name) {
        return controlPlaneUrl + "/hooks/" + name;
    }

    /** Tenant names, {@code t01}, {@code t02}, ... (zero-padded to the width of the count). */
    public List<String> tenantNames(String environment) {
        requireEnvironment(environment);
        return tenantNames;
    }

    /** The release a plain service runs now. */
    public String releaseOf(String environment, String service) {
        return deployments.running(new Instance(environment, service, "")).release();
    }

    /** The release a tenant of the fleet runs now. */
    public String releaseOf(String environment, String service, String tenant) {
        return deployments.running(new Instance(environment, service, tenant)).release();
    }

    /** From now on, any instance of {@code service} running {@code release} misbehaves as {@code breakage} says. */
    public void breakRelease(String service, String release, Breakage breakage) {
        deployments.breakRelease(service, release, breakage);
    }

    /** How many times {@code release} was applied to a tenant (idempotent duplicates do not count). */
    public int deployCount(String environment, String service, String tenant, String release) {
        return deployments.deployCount(new Instance(environment, service, tenant), release);
    }

    /** How many times {@code release} was applied to a plain service. */
    public int deployCount(String environment, String service, String release) {
        return deployCount(environment, service, "", release);
    }

    /** How many deploy requests carried {@code idempotencyKey}, applied or not. */
    public int requestsSeen(String idempotencyKey) {
        return deployments.requestsSeen(idempotencyKey);
    }

    /** Webhook deliveries received so far, in order. */
    public List<WebhookPayload> webhookPayloads() {
        return controlPlane.hooks();
    }

    /** Stops every server and waits for the world's threads to end; pending slow answers are dropped. */
    @Override
    public void close() {
        servers.close();
    }

    private HttpHandler instances(String env, String service, boolean fleet) {
        return Exchanges.guarded(new InstanceHandler(deployments, servers, env, service, fleet, options.slowDelay()));
    }

    private void requireEnvironment(String environment) {
        if (!options.environments().contains(environment)) {
            throw new IllegalArgumentException(
                    "no environment " + environment + "; known: " + String.join(", ", options.environments()));
        }
    }

    private static String key(String environment, String service) {
        return environment + "/" + service;
    }

    private static List<String> names(int count) {
        int width = Math.max(2, String.valueOf(count).length());
        List<String> names = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            names.add("t" + "0".repeat(width - String.valueOf(i).length()) + i);
        }
        return List.copyOf(names);
    }
}
