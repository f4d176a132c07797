package io.releaseguard.engine.regression;

import java.time.Instant;
import java.util.List;

/**
 * What a provider measured, before judgement. {@link Requests} counts errors among all requests (a Prometheus ratio);
 * {@link Issues} lists error types first seen after the deploy and counts error events (Sentry); {@link Unavailable}
 * says the provider could not be asked, which is never a pass.
 */
public sealed interface Observation {
    /** Error and total request counts in the baseline and after windows. */
    record Requests(double baselineErrors, double baselineTotal, double afterErrors, double afterTotal)
            implements Observation {}

    /** New issues and the error-event counts in both windows. */
    record Issues(List<NewIssue> newIssues, double baselineEvents, double afterEvents) implements Observation {
        public Issues {
            newIssues = List.copyOf(newIssues);
        }
    }

    /** The provider failed to answer; {@code reason} is safe to show. */
    record Unavailable(String reason) implements Observation {}

    /** An issue first seen after the deploy. */
    record NewIssue(String id, String title, Instant firstSeen, long events) {}
}
