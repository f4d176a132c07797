package io.releaseguard.engine.config;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A validated release policy ({@code release-guard.yaml}, schema version 1). Environments are the ordered promotion
 * path and services the ordered rollout; every cross-reference (freeze scopes, endpoints, tracks, groups) has been
 * checked, so code that receives this value can rely on it. With a {@code registry}, services that name an {@code
 * image} are retagged after each healthy promotion with the environment's {@code retag} tags.
 */
public record ReleaseGuardConfig(
        int version,
        String source,
        Path baseDir,
        ZoneId timezone,
        List<EnvironmentSpec> environments,
        Map<String, List<String>> groups,
        List<ServiceSpec> services,
        List<FreezeSpec> freezes,
        EmergencyPolicy emergency,
        Optional<KillSwitchSpec> killSwitch,
        Optional<TrainsSpec> trains,
        Optional<ReleaseCandidateSpec> releaseCandidates,
        List<WebhookSpec> webhooks,
        Optional<GitSpec> git,
        List<Duration> followups,
        Optional<RegistrySpec> registry) {

    /** The only schema version this engine reads. */
    public static final int SCHEMA_VERSION = 1;

    public ReleaseGuardConfig {
        environments = List.copyOf(environments);
        groups = Map.copyOf(groups);
        services = List.copyOf(services);
        freezes = List.copyOf(freezes);
        webhooks = List.copyOf(webhooks);
        followups = List.copyOf(followups);
    }

    public Optional<EnvironmentSpec> environment(String name) {
        return environments.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    public Optional<ServiceSpec> service(String name) {
        return services.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** Position of {@code name} in the promotion path, or -1. */
    public int indexOf(String environment) {
        for (int i = 0; i < environments.size(); i++) {
            if (environments.get(i).name().equals(environment)) {
                return i;
            }
        }
        return -1;
    }

    public List<String> environmentNames() {
        return environments.stream().map(EnvironmentSpec::name).toList();
    }

    /** The freezes that apply to {@code environment} (unscoped freezes apply everywhere). */
    public List<FreezeSpec> freezesFor(String environment) {
        return freezes.stream().filter(f -> f.appliesTo(environment)).toList();
    }
}
