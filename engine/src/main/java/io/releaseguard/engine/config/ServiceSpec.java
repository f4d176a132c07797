package io.releaseguard.engine.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One deployable service, rolled out in the order services are listed. {@code endpoints} map environment names to
 * base URLs; {@code paths} are the repository globs the service owns (the scope of a git-revert rollback); {@code
 * image} is its repository in the policy's registry (the release is its tag).
 */
public record ServiceSpec(
        String name,
        Map<String, String> endpoints,
        List<String> paths,
        List<HealthCheckSpec> health,
        Optional<BuildInfoSpec> buildinfo,
        List<TenantSpec> tenants,
        Map<String, String> tenantsUrl,
        Optional<FleetSpec> fleet,
        Optional<SnapshotSpec> snapshot,
        int keepSnapshots,
        Optional<DeploySpec> deploy,
        Map<String, TargetSpec> targets,
        Optional<String> image) {

    public static final int DEFAULT_KEEP_SNAPSHOTS = 10;

    public ServiceSpec {
        endpoints = Map.copyOf(endpoints);
        paths = List.copyOf(paths);
        health = List.copyOf(health);
        tenants = List.copyOf(tenants);
        tenantsUrl = Map.copyOf(tenantsUrl);
        targets = Map.copyOf(targets);
    }

    /** A fleet has tenants listed or a URL that lists them. */
    public boolean isFleet() {
        return !tenants.isEmpty() || !tenantsUrl.isEmpty();
    }

    /**
     * The service takes part in an environment's rollout when it has an endpoint, a target or tenants there; a
     * service mapped to no environment at all is rolled out everywhere.
     */
    public boolean rollsOutTo(String env) {
        boolean mappedAnywhere = !endpoints.isEmpty()
                || !targets.isEmpty()
                || !tenantsUrl.isEmpty()
                || tenants.stream().anyMatch(t -> !t.endpoints().isEmpty());
        return !mappedAnywhere
                || endpoints.containsKey(env)
                || targets.containsKey(env)
                || tenantsUrl.containsKey(env)
                || tenants.stream().anyMatch(t -> t.endpoints().containsKey(env));
    }

    /** The host the service is deployed to over SSH in {@code env}, when its target there is one. */
    public Optional<TargetSpec.Ssh> sshTarget(String env) {
        return targets.get(env) instanceof TargetSpec.Ssh ssh ? Optional.of(ssh) : Optional.empty();
    }
}
