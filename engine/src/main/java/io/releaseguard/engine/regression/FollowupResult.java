package io.releaseguard.engine.regression;

import io.releaseguard.engine.health.Verdict;
import java.time.Instant;
import java.util.List;

/** What a follow-up found when it ran: the verdict, the services it implicates and each provider's signal. */
public record FollowupResult(Instant ranAt, Verdict verdict, List<String> implicated, List<SignalResult> signals) {
    public FollowupResult {
        implicated = implicated == null ? List.of() : List.copyOf(implicated);
        signals = List.copyOf(signals);
    }
}
