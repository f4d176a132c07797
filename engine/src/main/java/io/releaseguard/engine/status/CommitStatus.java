package io.releaseguard.engine.status;

/** One status a CI system set on a commit: its context ({@code ci/build}) and state as the forge spells it. */
public record CommitStatus(String context, String state) {}
