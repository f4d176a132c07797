package io.releaseguard.engine.deploy;

/** What a deploy call reported: success, and a short detail safe to log (secrets masked, output truncated). */
public record DeployOutcome(boolean succeeded, String detail) {}
