package io.releaseguard.engine.regression;

import io.releaseguard.engine.health.Verdict;
import java.time.Instant;
import java.util.List;

/** What a follow-up found when it ran: the verdict and each provider's signal. */
public record FollowupResult(Instant ranAt, Verdict verdict, List<SignalResult> signals) {
    public FollowupResult {
        signals = List.copyOf(signals);
    }
}
