package io.releaseguard.engine.regression;

import java.time.Instant;
import java.util.List;

/**
 * What a provider measured, before judgement. {@link Requests} counts errors among all requests (a Prometheus ratio);
 * {@link Issues} lists error types first seen after the deploy, counts error events and, through release health,
 * the sessions that carried them (Sentry); {@link Unavailable} says the provider could not be asked, which is never a
 * pass.
 */
public sealed interface Observation {
    /** Error and total request counts in the baseline and after windows. */
    record Requests(double baselineErrors, double baselineTotal, double afterErrors, double afterTotal)
            implements Observation {}

    /** New issues, the error-event counts in both windows and the traffic they came from. */
    record Issues(List<NewIssue> newIssues, double baselineEvents, double afterEvents, Sessions sessions)
            implements Observation {
        public Issues {
            newIssues = List.copyOf(newIssues);
        }
    }

    /**
     * Release-health sessions: all of the project's in the baseline and after windows, and those of the deployed
     * release after the deploy (all of them when the release is not named).
     */
    record Sessions(double baseline, double after, double release) {}

    /** The provider failed to answer; {@code reason} is safe to show. */
    record Unavailable(String reason) implements Observation {}

    /** An issue first seen after the deploy. */
    record NewIssue(String id, String title, Instant firstSeen, long events) {}
}
