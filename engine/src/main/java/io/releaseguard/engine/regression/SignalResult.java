package io.releaseguard.engine.regression;

import io.releaseguard.engine.health.Verdict;

/** One provider's verdict on a deploy, with the message that shows observed values against the limits. */
public record SignalResult(String provider, Verdict verdict, String message) {}
