package io.releaseguard.engine.health;

/** A verdict with the message that justifies it, showing what was observed against what was expected. */
public record Assessment(Verdict verdict, String message) {}
