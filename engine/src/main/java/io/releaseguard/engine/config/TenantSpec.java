package io.releaseguard.engine.config;

import java.util.Map;

/** One tenant of a fleet with its base URL per environment. */
public record TenantSpec(String name, Map<String, String> endpoints) {
    public TenantSpec {
        endpoints = Map.copyOf(endpoints);
    }
}
