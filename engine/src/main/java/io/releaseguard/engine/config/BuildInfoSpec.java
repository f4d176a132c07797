package io.releaseguard.engine.config;

/** Where each tenant reports the commit it runs: GET {@code path}, the SHA at JSON {@code pointer}. */
public record BuildInfoSpec(String path, String pointer) {}
