package io.releaseguard.cli.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes the {@code release-guard.yaml} the demo shows and runs: environments local → testnet → staging (optional)
 * → mainnet, mainnet guarded by windows, a freeze, a minimum interval and two approvals from the leads; the world's
 * plain services and its fleet deployed through the world's control plane and checked on their {@code /health}
 * (and the fleet's {@code /buildinfo}). Ports are ephemeral, so the file is written afresh for every world.
 */
public final class DemoPolicy {
    /** Environments of the policy, in promotion order; only those the world runs get endpoints. */
    public static final List<String> ENVIRONMENTS = List.of("local", "testnet", "staging", "mainnet");

    /** The file name written. */
    public static final String FILE = "release-guard.yaml";

    private DemoPolicy() {}

    /** Writes {@link #FILE} into {@code dir} (created if missing) and returns its path. */
    public static Path write(DemoWorld world, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(FILE);
        Files.writeString(file, render(world));
        return file;
    }

    /** The policy text for {@code world}. */
    public static String render(DemoWorld world) {
        StringBuilder y = new StringBuilder();
        y.append(
                """
                # release-guard policy for the demo world: every service below runs on 127.0.0.1, started by
                # `release-guard demo`. Ports change on every run, so this file is written afresh each time.
                version: 1
                timezone: UTC

                groups:
                  leads: [alice, bob, carol]

                environments:
                  - name: local
                  - name: testnet
                  - name: staging
                    optional: true
                  - name: mainnet
                    windows:
                      - days: [TUE, WED, THU]
                        from: "14:00"
                        to: "18:00"
                        timezone: Europe/Berlin
                    minInterval: 48h
                    approvals:
                      required: 2
                      reviewers: [group:leads]

                services:
                """);
        for (String service : world.services()) {
            y.append("  - name: ").append(service).append('\n');
            y.append("    paths: [services/").append(service).append("/**]\n");
            y.append("    endpoints:\n");
            served(world).forEach(env -> y.append("      ")
                    .append(env)
                    .append(": \"")
                    .append(world.endpoint(env, service))
                    .append("\"\n"));
            health(y);
            deploy(
                    y,
                    world.controlPlane(world.environments().get(0)) + "/cp/admin/services/" + service + "/deploy",
                    "");
        }
        y.append("  - name: ").append(world.fleet()).append('\n');
        y.append("    paths: [services/").append(world.fleet()).append("/**]\n");
        y.append("    tenantsUrl:\n");
        served(world).forEach(env -> y.append("      ")
                .append(env)
                .append(": \"")
                .append(world.tenantsUrl(env))
                .append("\"\n"));
        y.append("    buildinfo: { path: /buildinfo, pointer: /git_sha }\n");
        y.append("    fleet: { canary: 1, canarySoak: 2s, batchSize: 4, soakBetweenBatches: 1s }\n");
        health(y);
        deploy(
                y,
                world.controlPlane(world.environments().get(0)) + "/cp/admin/tenants/redeploy-fleet",
                ", \"tenant\": \"{tenant}\"");
        y.append(
                """

                freezes:
                  - name: year-end
                    environments: [mainnet]
                    yearly: { from: "12-20", to: "01-05" }

                emergency:
                  bypass: [windows, freezes, minInterval]
                  requireReason: true

                notifications:
                  webhooks:
                    - name: releases
                """);
        y.append("      url: \"").append(world.webhookUrl("releases")).append("\"\n");
        y.append("      format: json\n");
        return y.toString();
    }

    private static List<String> served(DemoWorld world) {
        List<String> served =
                ENVIRONMENTS.stream().filter(world.environments()::contains).collect(Collectors.toList());
        if (served.isEmpty()) {
            throw new IllegalArgumentException("the world runs none of the policy's environments "
                    + String.join(", ", ENVIRONMENTS) + "; it runs " + String.join(", ", world.environments()));
        }
        return served;
    }

    private static void health(StringBuilder y) {
        y.append(
                """
                    health:
                      - name: ready
                        path: /health
                        timeout: 2s
                        json:
                          - { pointer: /status, equals: ok }
                          - { pointer: /version, equals: "${release}" }
                          - { pointer: /db/latencyMs, max: 250, severity: warn }
                """);
    }

    private static void deploy(StringBuilder y, String url, String extraBody) {
        y.append("    deploy:\n");
        y.append("      http:\n");
        y.append("        url: \"").append(url).append("\"\n");
        y.append("        body: '{\"target_tag\": \"{release}\", \"environment\": \"{environment}\"")
                .append(extraBody)
                .append("}'\n");
    }
}
